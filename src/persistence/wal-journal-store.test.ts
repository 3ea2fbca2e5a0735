import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createEngine,
  createMemoryJournalStore,
  createVirtualClock,
  type JournalEvent,
  type JournalStore,
  runToIdle,
  type WorkflowBody,
} from '../engine';
import { createDexieJournalStore } from './dexie-journal-store';
import { JournalConflictError, StorageFullError } from './storage-errors';
import { StudioDB } from './studio-db';
import { failWritesTo } from './test-faults';
import { openSyncFile } from './test-sync-file';
import { encodeFrame, encodeTombstone } from './wal-frames';
import { createWalJournalStore, type WalJournalStoreOptions } from './wal-journal-store';
import { createWalLog, type WalLog } from './wal-log';

let counter = 0;
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A database and a log file, both new; `open()` gives a fresh log handle on the same file (a new executor). */
function fixture() {
  const dir = mkdtempSync(join(tmpdir(), 'wal-'));
  const path = join(dir, 'journal.wal');
  const name = `wal-test-${++counter}-${Math.random().toString(36).slice(2)}`;
  const db = new StudioDB(name);
  cleanups.push(() => db.close());
  const open = (): WalLog & { fsyncs(): number } => {
    const file = openSyncFile(path);
    cleanups.push(() => file.close());
    return Object.assign(createWalLog(file, { flush: true }), { fsyncs: () => file.fsyncs });
  };
  return { db, path, open, logBytes: () => statSync(path).size };
}

/** Three steps; counts how often each body ran. */
function threeSteps(ran: Record<string, number>): WorkflowBody {
  return async ({ step }) => {
    let total = 0;
    for (const name of ['a', 'b', 'c']) {
      total += (await step.do(name, () => {
        ran[name] = (ran[name] ?? 0) + 1;
        return 1;
      })) as number;
    }
    return total;
  };
}

function engineOn(store: ReturnType<typeof createWalJournalStore>, body: WorkflowBody) {
  const clock = createVirtualClock(1_700_000_000_000);
  const engine = createEngine({
    store,
    clock,
    resolveWorkflow: (name) => (name === 'three' ? body : undefined),
    newId: () => 'id',
    defer: (cb) => setImmediate(cb),
  });
  cleanups.push(() => engine.dispose());
  return { engine, clock };
}

function storeOn(f: ReturnType<typeof fixture>, options: WalJournalStoreOptions = {}) {
  const log = f.open();
  return { store: createWalJournalStore(f.db, log, options), log };
}

describe('createWalJournalStore', () => {
  it('journals a run into IndexedDB and empties the log once IndexedDB holds everything', async () => {
    const f = fixture();
    const { store, log } = storeOn(f);
    const ran: Record<string, number> = {};
    const { engine, clock } = engineOn(store, threeSteps(ran));
    await engine.binding('three').create({ id: 'run-1' });
    await runToIdle(engine, clock);
    await store.settled();

    const events = await createDexieJournalStore(f.db).read('run-1');
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)?.type).toBe('run-finished');
    expect((await f.db.instances.get('run-1'))?.status).toBe('complete');
    expect(ran).toEqual({ a: 1, b: 1, c: 1 });
    expect(f.logBytes()).toBe(0);
    expect(log.fsyncs()).toBeGreaterThanOrEqual(4);
  });

  it('answers reads only with everything appended before them: while IndexedDB refuses the appends, reads fail', async () => {
    const f = fixture();
    const { store } = storeOn(f);
    const { engine } = engineOn(store, threeSteps({}));
    const restore = failWritesTo(f.db, 'journal');
    await engine.binding('three').create({ id: 'fresh' });
    await expect(store.getInstance('fresh')).rejects.toBeInstanceOf(StorageFullError);
    await expect(store.listInstances()).rejects.toBeInstanceOf(StorageFullError);
    restore();
    expect((await store.getInstance('fresh'))?.id).toBe('fresh');
    expect((await store.read('fresh'))[0]?.type).toBe('instance-created');
  });

  it('after a crash before IndexedDB took the appends, replays the log: the next executor resumes without re-running a step', async () => {
    const f = fixture();
    const ran: Record<string, number> = {};
    // The first executor's appends reach the log only, as when it dies before IndexedDB commits them.
    const log = f.open();
    const memory = createMemoryJournalStore();
    const logOnly: JournalStore = {
      ...memory,
      append(instanceId, events, summary) {
        log.append(encodeFrame({ instanceId, events, summary }));
        return memory.append(instanceId, events, summary);
      },
    };
    const clock = createVirtualClock(1_700_000_000_000);
    const first = createEngine({
      store: logOnly,
      clock,
      resolveWorkflow: () => threeSteps(ran),
      newId: () => 'id',
      defer: (cb) => setImmediate(cb),
    });
    await first.binding('three').create({ id: 'crash' });
    await vi.waitFor(() => expect(ran.b).toBe(1));
    first.dispose();
    expect(await createDexieJournalStore(f.db).read('crash')).toEqual([]);
    expect(f.logBytes()).toBeGreaterThan(0);

    const second = storeOn(f);
    const next = engineOn(second.store, threeSteps(ran));
    await next.engine.recover();
    await runToIdle(next.engine, next.clock);
    expect(await (await next.engine.binding('three').get('crash')).status()).toMatchObject({
      status: 'complete',
      output: 3,
    });
    const events = await second.store.read('crash');
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    for (const name of ['a', 'b', 'c']) {
      expect(events.filter((e) => e.type === 'step-succeeded' && e.name === name)).toHaveLength(1);
      // A body ran exactly as often as its attempts are journaled: none ran unjournaled, none was lost.
      expect(ran[name]).toBe(events.filter((e) => e.type === 'attempt-started' && e.name === name).length);
    }
    expect(ran.a).toBe(1);
    await second.store.settled();
    expect(f.logBytes()).toBe(0);
  });

  it('replays records IndexedDB already has without failing or moving its summary back', async () => {
    const f = fixture();
    const first = storeOn(f);
    const { engine, clock } = engineOn(first.store, threeSteps({}));
    await engine.binding('three').create({ id: 'twice' });
    await runToIdle(engine, clock);
    await first.store.settled();
    const events = await first.store.read('twice');
    const summary = (await first.store.getInstance('twice'))!;
    // A log that still holds an early, already stored record (say the machine crashed before it was emptied).
    const early = events.slice(0, 2);
    const stale = { ...summary, status: 'running' as const, lastSeq: 2 };
    writeFileSync(f.path, encodeFrame({ instanceId: 'twice', events: early as JournalEvent[], summary: stale }));

    const second = storeOn(f);
    expect(await second.store.read('twice')).toEqual(events);
    expect(await second.store.getInstance('twice')).toEqual(summary);
    expect(f.logBytes()).toBe(0);
  });

  it('cuts off a torn last frame and keeps the whole ones', async () => {
    const f = fixture();
    const first = storeOn(f);
    const restore = failWritesTo(f.db, 'journal');
    const { engine } = engineOn(first.store, threeSteps({}));
    await engine.binding('three').create({ id: 'torn' });
    await first.store.settled().catch(() => {});
    engine.dispose();
    restore();
    const whole = readFileSync(f.path);
    writeFileSync(f.path, Buffer.concat([whole, whole.subarray(0, 30)]));

    const second = storeOn(f);
    const events = await second.store.read('torn');
    expect(events[0]?.type).toBe('instance-created');
    expect(events.length).toBeGreaterThan(1);
  });

  it('says the storage is full, refuses further appends until IndexedDB takes them again, and loses nothing', async () => {
    const f = fixture();
    const { store } = storeOn(f);
    const { engine, clock } = engineOn(store, threeSteps({}));
    await engine.binding('three').create({ id: 'full' });
    await runToIdle(engine, clock);
    const before = await store.read('full');
    const summary = (await store.getInstance('full'))!;
    const extra = (seq: number) => ({ ...(before.at(-1) as JournalEvent), seq });

    const restore = failWritesTo(f.db, 'journal');
    // Durable in the log at once; IndexedDB refuses it a moment later.
    await store.append('full', [extra(before.length + 1)], { ...summary, lastSeq: before.length + 1 });
    const err = await store.settled().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageFullError);
    expect((err as Error).message).toBe(
      `The browser's storage for this site is full, so the journal of instance "full" could not be saved. ` +
        'Nothing already saved was lost. Delete old instances or snapshots (or free disk space) and try again.',
    );
    await expect(
      store.append('full', [extra(before.length + 2)], { ...summary, lastSeq: before.length + 2 }),
    ).rejects.toBe(err);

    restore();
    await store.settled();
    expect(await store.read('full')).toHaveLength(before.length + 1);
    expect((await store.getInstance('full'))?.lastSeq).toBe(before.length + 1);
  });

  it('turns the log refusing a write (quota) into StorageFullError for that append', async () => {
    const f = fixture();
    const log = f.open();
    const full: WalLog = {
      ...log,
      append: () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    };
    const store = createWalJournalStore(f.db, full);
    const { engine } = engineOn(store, threeSteps({}));
    const err = await engine
      .binding('three')
      .create({ id: 'no-room' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageFullError);
    expect(await store.getInstance('no-room')).toBeUndefined();
  });

  it('reports a second writer of the same sequence numbers as a conflict', async () => {
    const f = fixture();
    const { store } = storeOn(f);
    const { engine, clock } = engineOn(store, threeSteps({}));
    await engine.binding('three').create({ id: 'dup' });
    await runToIdle(engine, clock);
    const [first] = await store.read('dup');
    await store.append('dup', [first as JournalEvent], (await store.getInstance('dup'))!);
    await expect(store.settled()).rejects.toBeInstanceOf(JournalConflictError);
  });

  it('does not bring a deleted instance back when the log is replayed', async () => {
    const f = fixture();
    const first = storeOn(f);
    const { engine, clock } = engineOn(first.store, threeSteps({}));
    await engine.binding('three').createBatch([{ id: 'gone' }, { id: 'kept' }]);
    await runToIdle(engine, clock);
    await first.store.deleteInstance('gone');
    // Whatever the log held then (here: the tombstone only, or frames of both), a replay must not revive it.
    const events = await createDexieJournalStore(f.db).read('kept');
    const kept = (await first.store.getInstance('kept'))!;
    const goneEvent = { ...(events[0] as JournalEvent), instanceId: 'gone' };
    writeFileSync(
      f.path,
      Buffer.concat([
        encodeFrame({ instanceId: 'gone', events: [goneEvent], summary: { ...kept, id: 'gone', lastSeq: 1 } }),
        encodeTombstone('gone'),
      ]),
    );
    const second = storeOn(f);
    expect(await second.store.getInstance('gone')).toBeUndefined();
    expect((await second.store.listInstances()).map((s) => s.id)).toEqual(['kept']);
  });

  it('holds appends back once the log passes its limit, until IndexedDB has caught up and the log is empty', async () => {
    const f = fixture();
    const { store } = storeOn(f, { logLimitBytes: 1 });
    const { engine, clock } = engineOn(store, threeSteps({}));
    await engine.binding('three').create({ id: 'limit' });
    await runToIdle(engine, clock);
    expect(f.logBytes()).toBe(0);
    expect((await createDexieJournalStore(f.db).getInstance('limit'))?.status).toBe('complete');
  });
});
