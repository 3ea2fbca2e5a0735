import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createEngine, createVirtualClock, type InstanceSummary, type JournalEvent, runToIdle } from '../engine';
import { createDexieJournalStore } from './dexie-journal-store';
import { createExecutorRepo } from './executor-repo';
import { JournalConflictError } from './storage-errors';
import { StudioDB } from './studio-db';

const fresh = () => `v2-test-${Math.random().toString(36).slice(2)}`;

const summary: InstanceSummary = {
  id: 'old-1',
  workflowName: 'wf',
  status: 'complete',
  createdAt: 1,
  updatedAt: 2,
  lastSeq: 1,
  runs: 1,
  steps: 0,
  error: null,
};
const created: JournalEvent = {
  type: 'instance-created',
  instanceId: 'old-1',
  seq: 1,
  at: 1,
  wall: 1,
  workflowName: 'wf',
  params: { n: 1 },
};

describe('StudioDB version 2', () => {
  it('upgrades a version-1 database without losing files, instances, journal, snapshots or settings', async () => {
    const name = fresh();
    const v1 = new Dexie(name);
    v1.version(1).stores({
      files: 'id, name, updatedAt',
      instances: 'id, workflowName, status, createdAt, updatedAt',
      journal: '[instanceId+seq], instanceId',
      snapshots: 'key',
      settings: 'key',
    });
    await v1.table('files').add({ id: 'f1', name: 'a.py', source: 'x = 1', version: 3, createdAt: 1, updatedAt: 2 });
    await v1.table('instances').add(summary);
    await v1.table('journal').add(created);
    await v1.table('snapshots').add({ key: 'k', bytes: new Uint8Array([7]), size: 1, createdAt: 1 });
    await v1.table('settings').add({ key: 'theme', value: 'dark' });
    v1.close();

    const db = new StudioDB(name);
    await db.open();
    expect(db.verno).toBe(4); // the newest schema: v1 upgrades through v2, v3 to v4
    expect(await db.files.get('f1')).toMatchObject({ source: 'x = 1', version: 3 });
    expect(await db.instances.get('old-1')).toEqual(summary);
    expect(await createDexieJournalStore(db).read('old-1')).toEqual([created]);
    expect(Array.from((await db.snapshots.get('k'))?.bytes ?? [])).toEqual([7]);
    expect(await db.settings.get('theme')).toEqual({ key: 'theme', value: 'dark' });
    // The new tables exist and start empty: an instance from before v2 simply has no file row.
    expect(await createExecutorRepo(db).instanceFiles()).toEqual(new Map());
    expect(await db.loadedSources.count()).toBe(0);
    expect(await db.cloudflareImports.count()).toBe(0);
    db.close();
  });
});

describe("the file of a new instance (the create's meta.fileId)", () => {
  it('records the file of a new instance in the same transaction as instance-created, and deletes it with the instance', async () => {
    const db = new StudioDB(fresh());
    const store = createDexieJournalStore(db);
    const appends: Array<string | undefined> = [];
    const append = store.append.bind(store);
    store.append = (id, events, summary, meta) => {
      appends.push(meta?.fileId);
      return append(id, events, summary, meta);
    };
    const clock = createVirtualClock(1_700_000_000_000);
    const engine = createEngine({
      store,
      clock,
      resolveWorkflow:
        () =>
        async ({ step }) =>
          step.do('one', () => 1),
      defer: (cb) => setImmediate(cb),
    });
    await engine.binding('wf').create({ id: 'a', meta: { fileId: 'file-of-a' } });
    await engine.binding('wf').create({ id: 'b', meta: { fileId: 'file-of-b' } });
    await runToIdle(engine, clock);
    // The engine hands the meta over once per instance, with the append holding instance-created.
    expect(appends.filter((f) => f !== undefined)).toEqual(['file-of-a', 'file-of-b']);
    expect(appends.length).toBeGreaterThan(2);
    const repo = createExecutorRepo(db);
    expect(await repo.instanceFiles()).toEqual(
      new Map([
        ['a', 'file-of-a'],
        ['b', 'file-of-b'],
      ]),
    );
    await store.deleteInstance('a');
    expect(await repo.instanceFiles()).toEqual(new Map([['b', 'file-of-b']]));
    engine.dispose();
    db.close();
  });

  it('writes no file row when the instance-created append is refused as a duplicate', async () => {
    const db = new StudioDB(fresh());
    const store = createDexieJournalStore(db);
    await createDexieJournalStore(db).append('old-1', [created], summary, { fileId: 'first-writer' });
    const error = await store.append('old-1', [created], summary, { fileId: 'second-writer' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalConflictError);
    expect(await createExecutorRepo(db).instanceFiles()).toEqual(new Map([['old-1', 'first-writer']]));
    db.close();
  });
});

describe('executor repo', () => {
  it('keeps the newest imported source per file and never goes back to an older version', async () => {
    const db = new StudioDB(fresh());
    const repo = createExecutorRepo(db);
    const v = (version: number) => ({
      fileId: 'f',
      version,
      name: 'a.py',
      source: `v = ${version}`,
      loadedAt: version,
    });
    await repo.saveLoadedSource(v(2));
    await repo.saveLoadedSource(v(1));
    expect((await repo.loadedSource('f'))?.source).toBe('v = 2');
    await repo.saveLoadedSource(v(3));
    expect((await repo.loadedSource('f'))?.version).toBe(3);
    expect(await repo.loadedSource('other')).toBeUndefined();
    db.close();
  });
});
