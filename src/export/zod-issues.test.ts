import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatIssues } from './zod-issues';

/** The sentence a user reads for `value` checked against `schema`. */
const sentence = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value, { reportInput: true });
  return parsed.success ? 'valid' : formatIssues(parsed.error.issues);
};

describe('formatIssues(): zod issues as a sentence a person would write', () => {
  const file = z.strictObject({
    mode: z.enum(['light', 'dark']),
    level: z.enum(['low', 'mid', 'high']),
    tags: z.array(z.string()).min(1).max(1),
    code: z.string().min(2),
    name: z.string().min(1),
  });
  const ok = { mode: 'light', level: 'low', tags: ['a'], code: 'ab', name: 'n' };

  it('lists two allowed values with "or" and more as "one of"', () => {
    expect(sentence(file, { ...ok, mode: 'dim' })).toBe('mode: expected "light" or "dark", got "dim"');
    expect(sentence(file, { ...ok, level: 'max' })).toBe('level: expected one of "low", "mid", "high", got "max"');
  });

  it('says a field is missing instead of "got nothing"', () => {
    expect(sentence(file, { ...ok, mode: undefined })).toBe('mode: missing (expected "light" or "dark")');
    expect(sentence(file, { ...ok, name: undefined })).toBe('name: missing (expected text)');
  });

  it('counts in words: non-empty, one item, several characters', () => {
    expect(sentence(file, { ...ok, tags: [] })).toBe('tags: expected a non-empty list, got a list');
    expect(sentence(file, { ...ok, tags: ['a', 'b'] })).toBe('tags: expected a list of at most 1 item, got a list');
    expect(sentence(file, { ...ok, code: 'a' })).toBe('code: expected text of at least 2 characters, got "a"');
    expect(sentence(file, { ...ok, name: '' })).toBe('name: expected non-empty text, got ""');
  });
});
