import { describe, expect, it } from 'vitest';
import { type BindingCall, createMemoryBindingStore, parseEnvDeclaration } from '../../engine';
import { createEnvBindings } from './env-bindings';
import { nodeSql } from './node-sql';

function bindings(text: string) {
  const parsed = parseEnvDeclaration(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return createEnvBindings({
    env: parsed.env,
    store: createMemoryBindingStore(),
    scope: 'f',
    sql: nodeSql,
    now: () => 0,
  });
}

describe('createEnvBindings()', () => {
  it('describes each declared name, and nothing else', () => {
    const env = bindings('{"kv_namespaces": [{"binding": "KV"}], "vars": {"N": 3}, "secrets": {"S": "x"}}');
    expect(env.describe('KV')).toEqual({ kind: 'kv' });
    expect(env.describe('N')).toEqual({ kind: 'var', value: 3 });
    expect(env.describe('S')).toEqual({ kind: 'secret', value: 'x' });
    expect(env.describe('toString')).toBeNull();
  });

  it('records each call, never showing a secret value in what it touched or in its error', async () => {
    const env = bindings('{"kv_namespaces": [{"binding": "KV"}], "secrets": {"TOKEN": "tok_123456"}}');
    const calls: BindingCall[] = [];
    await env.call('KV', 'put', ['session:tok_123456', 'v'], (c) => calls.push(c));
    await expect(env.call('KV', 'put', [`tok_123456${'k'.repeat(600)}`, 'v'], (c) => calls.push(c))).rejects.toThrow(
      'KV PUT failed: 414',
    );
    await expect(env.call('KV', 'explode', [], (c) => calls.push(c))).rejects.toThrow('env.KV has no method explode');
    expect(calls[0]).toEqual({ binding: 'KV', op: 'put', target: 'session:***', ok: true });
    expect(calls[1]?.target.startsWith('***kkk')).toBe(true);
    expect(calls[1]?.target.length).toBeLessThanOrEqual(200);
    expect(calls[1]).toMatchObject({ ok: false, error: expect.stringContaining('KV PUT failed: 414') });
    expect(JSON.stringify(calls)).not.toContain('tok_123456');
    expect(env.pending()).toBe(0);
  });
});
