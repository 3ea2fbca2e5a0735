import { describe, expect, it } from 'vitest';
import { maskSecrets, parseEnvDeclaration, stripJsonComments, withoutTrailingCommas } from './env-declaration';

describe('parseEnvDeclaration()', () => {
  it('reads the wrangler.jsonc shape, comments and trailing commas included', () => {
    const parsed = parseEnvDeclaration(`{
      // KV for idempotency keys
      "kv_namespaces": [{ "binding": "KV", "id": "abc" }],
      /* one database */
      "d1_databases": [{ "binding": "DB", "database_name": "orders", "database_id": "d-1" }],
      "r2_buckets": [{ "binding": "FILES", "bucket_name": "files" },],
      "vars": { "URL": "https://x.test/a//b", "N": 3 },
      "secrets": { "TOKEN": "t0p" },
    }`);
    expect(parsed).toEqual({
      ok: true,
      env: {
        resources: [
          { kind: 'kv', binding: 'KV', id: 'abc' },
          { kind: 'd1', binding: 'DB', id: 'd-1', name: 'orders' },
          { kind: 'r2', binding: 'FILES', id: 'files' },
        ],
        vars: { URL: 'https://x.test/a//b', N: 3 },
        secrets: { TOKEN: 't0p' },
      },
    });
    expect(parseEnvDeclaration('  ')).toEqual({ ok: true, env: { resources: [], vars: {}, secrets: {} } });
    expect(stripJsonComments('{"a": "// not a comment", /* x */ "b": [1,],}')).toBe(
      '{"a": "// not a comment",  "b": [1,],}',
    );
    expect(withoutTrailingCommas('{"a": ",}", "b": [1 , ] ,}')).toBe('{"a": ",}", "b": [1  ] }');
  });

  it('names the first bad field', () => {
    const message = (text: string) => {
      const parsed = parseEnvDeclaration(text);
      return parsed.ok ? 'ok' : parsed.message;
    };
    expect(message('{')).toMatch(/^not JSON: /);
    expect(message('[]')).toBe('the declaration must be a JSON object like {"kv_namespaces": […]}');
    expect(message('{"kv": []}')).toBe(
      'unknown field "kv" (known: kv_namespaces, d1_databases, r2_buckets, vars, secrets)',
    );
    expect(message('{"kv_namespaces": {}}')).toBe('kv_namespaces must be a list of {"binding": …} objects');
    expect(message('{"kv_namespaces": [{"binding": "my-kv"}]}')).toBe(
      'kv_namespaces[0].binding must be a name like "KV" (letters, digits, _)',
    );
    expect(message('{"kv_namespaces": [{"binding": "A"}], "r2_buckets": [{"binding": "A"}]}')).toBe(
      'r2_buckets[0].binding: the name "A" is declared twice',
    );
    expect(message('{"d1_databases": [{"binding": "DB", "database_id": 7}]}')).toBe(
      'd1_databases[0].database_id must be a string',
    );
    expect(message('{"secrets": {"K": 1}}')).toBe(
      'secrets.K must be a string (secrets are text, as wrangler secret put stores them)',
    );
    expect(message('{"vars": []}')).toBe('vars must be an object of NAME: value');
  });

  it('masks secret values', () => {
    const parsed = parseEnvDeclaration('{"vars": {"A": "1"}, "secrets": {"S": "hidden"}}');
    if (!parsed.ok) throw new Error(parsed.message);
    expect(maskSecrets(parsed.env)).toEqual({ resources: [], vars: { A: '1' }, secrets: { S: '***' } });
  });
});
