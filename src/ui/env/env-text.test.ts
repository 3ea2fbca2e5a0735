import { describe, expect, it } from 'vitest';
import { maskEnvText, SECRET_MASK, unmaskEnvText } from './env-text';

const STORED = `{
  // payments
  "vars": { "TOKEN_HINT": "sk_live_abc" },
  "secrets": { "TOKEN": "sk_live_abc", "OTHER": "x\\"y" }
}`;

describe('env text masking', () => {
  it('hides every secret value, keeps vars, comments and layout', () => {
    const masked = maskEnvText(STORED);
    expect(masked).toBe(`{
  // payments
  "vars": { "TOKEN_HINT": "sk_live_abc" },
  "secrets": { "TOKEN": "${SECRET_MASK}", "OTHER": "${SECRET_MASK}" }
}`);
    expect(masked).not.toContain('x\\"y');
  });

  it('puts stored values back where the mask stays, and keeps a newly typed one', () => {
    const edited = maskEnvText(STORED).replace(`"OTHER": "${SECRET_MASK}"`, '"OTHER": "new"');
    expect(unmaskEnvText(edited, STORED)).toBe(STORED.replace('"OTHER": "x\\"y"', '"OTHER": "new"'));
    expect(unmaskEnvText(maskEnvText(STORED), STORED)).toBe(STORED);
  });

  it('leaves text that does not parse alone', () => {
    expect(maskEnvText('{"secrets": {"A": "b"')).toBe('{"secrets": {"A": "b"');
  });
});
