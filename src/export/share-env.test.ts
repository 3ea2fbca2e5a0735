/** Share links carry the env declaration with secret names and blank values, never a secret's value. */
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { blankSecrets, decodeShareLink, encodeShareLink, SHARE_PREFIX, shareableEnv } from './index';

const SOURCE = 'from workers import WorkflowEntrypoint\n';
const ENV = `{
  // the payments cache
  "kv_namespaces": [{"binding": "CACHE"}],
  "vars": {"MODE": "test"},
  "secrets": {"TOKEN": "sk_live_never", "HOOK": "whsec_never"},
}`;

/** The JSON text inside a fragment, as anyone holding the link can read it. */
const payloadText = (fragment: string) =>
  LZString.decompressFromEncodedURIComponent(fragment.slice(SHARE_PREFIX.length)) ?? '';

describe('share links with an env', () => {
  it('carry the declaration with secret names kept and values blank, comments kept', () => {
    const encoded = encodeShareLink({ name: 'cache.py', source: SOURCE, env: ENV });
    if (!encoded.ok) throw new Error(encoded.message);
    const text = payloadText(encoded.fragment);
    expect(text).not.toContain('sk_live_never');
    expect(text).not.toContain('whsec_never');
    const decoded = decodeShareLink(encoded.fragment);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.shared.env).toBe(ENV.replace('"sk_live_never"', '""').replace('"whsec_never"', '""'));
    expect(blankSecrets(decoded.shared.env ?? '')).toEqual(['TOKEN', 'HOOK']);
  });

  it('blank a value the text writes with an escape, or that a comment repeats, by writing the JSON again', () => {
    const escaped = '{"secrets": {"TOKEN": "sk_\\u006cive"}}';
    const blanked = shareableEnv(escaped);
    expect(blanked).toEqual({ ok: true, text: '{\n  "secrets": {\n    "TOKEN": ""\n  }\n}', secrets: ['TOKEN'] });
    const commented = '{\n  // old: sk_old_value\n  "secrets": {"TOKEN": "sk_old_value"}\n}';
    const again = shareableEnv(commented);
    expect(again.ok && again.text).not.toContain('sk_old_value');
    expect(again.ok && again.secrets).toEqual(['TOKEN']);
  });

  it('leave an empty env out, and refuse an env that does not parse, naming the field', () => {
    const empty = encodeShareLink({ name: 'a.py', source: SOURCE, env: '  ' });
    if (!empty.ok) throw new Error(empty.message);
    expect(payloadText(empty.fragment)).not.toContain('"env"');
    expect(encodeShareLink({ name: 'a.py', source: SOURCE, env: '{"vars": 1, "secrets": {"T": "x"}}' })).toEqual({
      ok: false,
      message:
        "Cannot share this file: the file's env is not valid: vars must be an object of NAME: value. Fix it in Env & bindings.",
    });
  });

  it('refuse an env over 16 KB', () => {
    const big = JSON.stringify({ vars: { BIG: 'x'.repeat(17 * 1024) } });
    const encoded = encodeShareLink({ name: 'a.py', source: SOURCE, env: big });
    expect(encoded).toEqual({
      ok: false,
      message: 'The env declaration is 17.0 KB; a share link holds at most 16 KB of it.',
    });
  });
});
