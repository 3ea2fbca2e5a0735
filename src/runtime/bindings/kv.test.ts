import { describe, expect, it } from 'vitest';
import { createMemoryBindingStore } from '../../engine';
import { createKvNamespace, KV_LIMITS } from './kv';
import { bytesTag, utf8 } from './values';

const at = { now: Date.UTC(2026, 0, 1) };
const kv = () => createKvNamespace(createMemoryBindingStore(), 'f/kv/KV', () => at.now);

describe('KV namespace', () => {
  it('puts and gets text, JSON and bytes; a missing key is null', async () => {
    const ns = kv();
    await ns.put('order:1', '{"total": 42}');
    expect(await ns.get('order:1')).toBe('{"total": 42}');
    expect(await ns.get('order:1', 'json')).toEqual({ total: 42 });
    expect(await ns.get('order:1', { type: 'json' })).toEqual({ total: 42 });
    expect(await ns.get('order:1', 'arrayBuffer')).toEqual(bytesTag(utf8('{"total": 42}')));
    expect(await ns.get('nope')).toBeNull();
    await ns.put('bin', bytesTag(new Uint8Array([0, 255])));
    expect(await ns.get('bin', 'arrayBuffer')).toEqual(bytesTag(new Uint8Array([0, 255])));
    await ns.put('empty', '');
    expect(await ns.get('empty')).toBe('');
  });

  it('gets many keys at once as a dict, missing ones None', async () => {
    const ns = kv();
    await ns.put('a', '1');
    expect(await ns.get(['a', 'b'])).toEqual({ $type: 'dict', entries: { a: '1', b: null } });
    await expect(ns.get(Array.from({ length: 101 }, (_, i) => `k${i}`))).rejects.toThrow(
      'KV GET_BULK failed: 400 You can request a maximum of 100 keys',
    );
  });

  it('keeps metadata and expiration, and forgets a key once it expired', async () => {
    const ns = kv();
    await ns.put('k', 'v', { metadata: { by: 'ada' }, expirationTtl: 60 });
    expect(await ns.getWithMetadata('k')).toEqual({ value: 'v', metadata: { by: 'ada' }, cacheStatus: null });
    expect(await ns.getWithMetadata('gone')).toEqual({ value: null, metadata: null, cacheStatus: null });
    const listed = (await ns.list({ prefix: 'k' })) as { keys: { name: string; expiration?: number }[] };
    expect(listed.keys).toEqual([{ name: 'k', expiration: at.now / 1000 + 60, metadata: { by: 'ada' } }]);
    at.now += 61_000;
    expect(await ns.get('k')).toBeNull();
    expect(((await ns.list(null)) as { keys: unknown[] }).keys).toEqual([]);
  });

  it('lists by prefix in pages with a cursor', async () => {
    const ns = kv();
    for (const i of [3, 1, 2, 5, 4]) await ns.put(`p:${i}`, String(i));
    await ns.put('q:1', 'x');
    const names = (page: unknown) => (page as { keys: { name: string }[] }).keys.map((k) => k.name);
    const page1 = (await ns.list({ prefix: 'p:', limit: 2 })) as { list_complete: boolean; cursor: string };
    expect(names(page1)).toEqual(['p:1', 'p:2']);
    expect(page1.list_complete).toBe(false);
    const page2 = (await ns.list({ prefix: 'p:', limit: 2, cursor: page1.cursor })) as { cursor: string };
    expect(names(page2)).toEqual(['p:3', 'p:4']);
    const page3 = (await ns.list({ prefix: 'p:', limit: 2, cursor: page2.cursor })) as Record<string, unknown>;
    expect(names(page3)).toEqual(['p:5']);
    expect(page3.list_complete).toBe(true);
    expect(page3).not.toHaveProperty('cursor');
  });

  it("refuses what Cloudflare refuses, in Cloudflare's words", async () => {
    const ns = kv();
    const longKey = 'k'.repeat(KV_LIMITS.keyBytes + 1);
    await expect(ns.put(longKey, 'v')).rejects.toThrow(
      'KV PUT failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512.',
    );
    await expect(ns.get('é'.repeat(257))).rejects.toThrow('KV GET failed: 414 UTF-8 encoded length of 514');
    await expect(ns.put('big', 'x'.repeat(KV_LIMITS.valueBytes + 1))).rejects.toThrow(
      'KV PUT failed: 413 Value length of 26214401 exceeds limit of 26214400.',
    );
    await expect(ns.put('k', 'v', { metadata: { blob: 'm'.repeat(1100) } })).rejects.toThrow(
      'KV PUT failed: 413 Metadata length of 1111 exceeds limit of 1024.',
    );
    await expect(ns.put('k', 'v', { expirationTtl: 30 })).rejects.toThrow(
      'KV PUT failed: 400 Invalid expiration_ttl of 30. Expiration TTL must be at least 60.',
    );
    await expect(ns.put('k', 'v', { expiration: at.now / 1000 - 1 })).rejects.toThrow('Invalid expiration of');
    await expect(ns.put('', 'v')).rejects.toThrow('KV PUT failed: 400 Key names must not be empty');
    await expect(ns.put('..', 'v')).rejects.toThrow(
      'KV PUT failed: 400 Illegal key name "..". Please use a different name.',
    );
    await expect(ns.put('k', { n: 1 })).rejects.toThrow('KV put() accepts only strings, ArrayBuffers');
    await expect(ns.list({ limit: 1001 })).rejects.toThrow('KV LIST failed: 400 Invalid key_count_limit of 1001.');
    await expect(ns.get('k', 'yaml')).rejects.toThrow('Unknown response type.');
    await expect(ns.list({ cursor: '%%%' })).rejects.toThrow('Invalid cursor "%%%"');
    expect(await ns.get('k')).toBeNull();
  });
});
