import { describe, expect, it } from 'vitest';
import { lineNumbers } from './light-view-text';

describe('the light view’s gutter', () => {
  it('numbers every line, the last one after a final newline included', () => {
    expect(lineNumbers('')).toBe('1');
    expect(lineNumbers('a\nb')).toBe('1\n2');
    expect(lineNumbers('a\nb\n')).toBe('1\n2\n3');
  });
});
