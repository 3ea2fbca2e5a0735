/** Binding contents in IndexedDB (StudioDB version 3): they outlive the database handle, per space. */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createDexieBindingStore } from './dexie-binding-store';
import { createFilesRepo } from './files-repo';
import { StudioDB } from './studio-db';

const fresh = () => `v3-test-${Math.random().toString(36).slice(2)}`;
const bytes = (text: string) => new TextEncoder().encode(text);

describe('StudioDB version 3: binding records', () => {
  it('keeps records per space across handles, lists by prefix in key order', async () => {
    const name = fresh();
    const store = createDexieBindingStore(new StudioDB(name));
    await store.put('f1/kv/KV', { key: 'b', value: bytes('2'), meta: {} });
    await store.put('f1/kv/KV', { key: 'a:1', value: bytes('1'), meta: { metadata: { x: 1 } } });
    await store.put('f1/kv/KV', { key: 'a:2', value: bytes('3'), meta: {} });
    await store.put('f2/kv/KV', { key: 'a:9', value: bytes('other file'), meta: {} });
    const again = createDexieBindingStore(new StudioDB(name));
    expect((await again.list('f1/kv/KV', 'a:')).map((r) => r.key)).toEqual(['a:1', 'a:2']);
    expect((await again.list('f1/kv/KV', '')).map((r) => r.key)).toEqual(['a:1', 'a:2', 'b']);
    const got = await again.get('f1/kv/KV', 'a:1');
    expect(got && new TextDecoder().decode(got.value)).toBe('1');
    expect(got?.meta).toEqual({ metadata: { x: 1 } });
    await again.delete('f1/kv/KV', 'a:1');
    expect(await again.get('f1/kv/KV', 'a:1')).toBeUndefined();
    expect(await again.get('f2/kv/KV', 'a:9')).toBeDefined();
  });

  it('upgrades a version-2 database, keeping its files; a file keeps its env text apart from its source', async () => {
    const name = fresh();
    const v2 = new Dexie(name);
    v2.version(2).stores({
      files: 'id, name, updatedAt',
      instances: 'id, workflowName, status, createdAt, updatedAt',
      journal: '[instanceId+seq], instanceId',
      snapshots: 'key',
      settings: 'key',
      instanceFiles: 'instanceId, fileId',
      loadedSources: 'fileId',
    });
    await v2.table('files').add({ id: 'f1', name: 'a.py', source: 'x = 1\n', version: 3, createdAt: 1, updatedAt: 2 });
    v2.close();
    const db = new StudioDB(name);
    const repo = createFilesRepo(db, { now: () => 5, newId: () => 'n' });
    await repo.saveEnv('f1', '{"kv_namespaces": [{"binding": "KV"}]}');
    expect(await db.files.get('f1')).toMatchObject({
      source: 'x = 1\n',
      version: 3,
      env: '{"kv_namespaces": [{"binding": "KV"}]}',
    });
    await repo.saveEnv('f1', '  ');
    expect(await db.files.get('f1')).not.toHaveProperty('env');
    await expect(repo.saveEnv('gone', '{}')).rejects.toThrow('was deleted in another tab');
  });
});
