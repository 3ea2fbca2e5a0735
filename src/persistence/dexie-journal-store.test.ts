import { liveQuery } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import {
  createEngine,
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

let dbCounter = 0;
const freshName = () => `journal-test-${++dbCounter}-${Math.random().toString(36).slice(2)}`;

/** A step, a one-hour sleep, a step: counts how often each step's code really ran. */
function sleepyWorkflow(ran: Record<string, number>): WorkflowBody {
  return async ({ step, event }) => {
    const a = await step.do('fetch', () => {
      ran.fetch = (ran.fetch ?? 0) + 1;
      return { n: (event.payload as { n: number }).n };
    });
    await step.sleep('nap', '1 hour');
    return step.do('double', () => {
      ran.double = (ran.double ?? 0) + 1;
      return ((a as { n: number }).n ?? 0) * 2;
    });
  };
}

function engineOn(store: JournalStore, body: WorkflowBody, start = 1_700_000_000_000) {
  const clock = createVirtualClock(start);
  let next = 0;
  const engine = createEngine({
    store,
    clock,
    resolveWorkflow: (name) => (name === 'sleepy' ? body : undefined),
    newId: () => `id-${++next}`,
    defer: (cb) => setImmediate(cb),
  });
  return { engine, clock };
}

describe('createDexieJournalStore', () => {
  it("wakes Dexie live queries on the journal and the instance row, as Dexie's own writes do", async () => {
    const db = new StudioDB(freshName());
    const { engine, clock } = engineOn(createDexieJournalStore(db), sleepyWorkflow({}));
    const seen = { status: [] as string[], events: [] as number[] };
    const subs = [
      liveQuery(() => db.instances.get('live')).subscribe((row) => {
        if (row) seen.status.push(row.status);
      }),
      liveQuery(() => db.journal.where('instanceId').equals('live').count()).subscribe((n) => seen.events.push(n)),
    ];
    await engine.binding('sleepy').create({ id: 'live', params: { n: 1 } });
    await runToIdle(engine, clock);
    const total = (await createDexieJournalStore(db).read('live')).length;
    await vi.waitFor(() => {
      expect(seen.status.at(-1)).toBe('complete');
      expect(seen.events.at(-1)).toBe(total);
    });
    for (const sub of subs) sub.unsubscribe();
    engine.dispose();
    db.close();
  });

  it('journals a run and reads the events back in seq order with the instance summary', async () => {
    const db = new StudioDB(freshName());
    const ran: Record<string, number> = {};
    const { engine, clock } = engineOn(createDexieJournalStore(db), sleepyWorkflow(ran));
    const handle = await engine.binding('sleepy').create({ id: 'order-1', params: { n: 21 } });
    await runToIdle(engine, clock);

    expect(await handle.status()).toEqual({ status: 'complete', output: 42, error: null });
    const events = await createDexieJournalStore(db).read('order-1');
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]?.type).toBe('instance-created');
    expect(events.at(-1)?.type).toBe('run-finished');
    const summary = await db.instances.get('order-1');
    expect(summary).toMatchObject({ id: 'order-1', workflowName: 'sleepy', status: 'complete', runs: 2 });
    expect(summary?.lastSeq).toBe(events.length);
    engine.dispose();
    db.close();
  });

  it('survives closing and reopening the database mid-sleep: the next engine resumes without re-running a step', async () => {
    const name = freshName();
    const ran: Record<string, number> = {};
    const db1 = new StudioDB(name);
    const first = engineOn(createDexieJournalStore(db1), sleepyWorkflow(ran));
    await first.engine.binding('sleepy').create({ id: 'reopen', params: { n: 5 } });
    await first.engine.settle();
    expect(await (await first.engine.binding('sleepy').get('reopen')).status()).toMatchObject({ status: 'waiting' });
    first.engine.dispose();
    db1.close();

    const db2 = new StudioDB(name);
    const second = engineOn(createDexieJournalStore(db2), sleepyWorkflow(ran), first.clock.now());
    await second.engine.recover();
    await runToIdle(second.engine, second.clock);
    expect(await (await second.engine.binding('sleepy').get('reopen')).status()).toEqual({
      status: 'complete',
      output: 10,
      error: null,
    });
    expect(ran).toEqual({ fetch: 1, double: 1 });
    second.engine.dispose();
    db2.close();
  });

  it('refuses a second write of the same (instance, seq) instead of overwriting it', async () => {
    const db = new StudioDB(freshName());
    const store = createDexieJournalStore(db);
    const ran: Record<string, number> = {};
    const { engine, clock } = engineOn(store, sleepyWorkflow(ran));
    await engine.binding('sleepy').create({ id: 'dup', params: { n: 1 } });
    await runToIdle(engine, clock);
    const [first] = await store.read('dup');
    const summary = (await store.getInstance('dup'))!;
    const err = await store.append('dup', [first as JournalEvent], summary).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JournalConflictError);
    expect((err as Error).message).toBe(
      'Event #1 of instance "dup" was already journaled by another executor (another tab?). ' +
        'This write was dropped so nothing runs twice; the instance continues from the journal.',
    );
    expect((await store.read('dup'))[0]).toEqual(first);
    engine.dispose();
    db.close();
  });

  it('keeps one instance journal apart from another and deletes one without touching the other', async () => {
    const db = new StudioDB(freshName());
    const store = createDexieJournalStore(db);
    const { engine, clock } = engineOn(store, sleepyWorkflow({}));
    await engine.binding('sleepy').createBatch([
      { id: 'a', params: { n: 1 } },
      { id: 'b', params: { n: 2 } },
    ]);
    await runToIdle(engine, clock);
    const lengthB = (await store.read('b')).length;
    expect((await store.read('a')).every((e) => e.instanceId === 'a')).toBe(true);
    await store.deleteInstance('a');
    expect(await store.read('a')).toEqual([]);
    expect(await store.getInstance('a')).toBeUndefined();
    expect(await store.read('b')).toHaveLength(lengthB);
    expect((await store.listInstances()).map((s) => s.id)).toEqual(['b']);
    engine.dispose();
    db.close();
  });

  it('turns a quota failure into StorageFullError and keeps everything journaled before it', async () => {
    const db = new StudioDB(freshName());
    const store = createDexieJournalStore(db);
    const { engine, clock } = engineOn(store, sleepyWorkflow({}));
    await engine.binding('sleepy').create({ id: 'full', params: { n: 3 } });
    await runToIdle(engine, clock);
    const before = await store.read('full');
    const summary = (await store.getInstance('full'))!;

    const restore = failWritesTo(db, 'journal');
    const extra = { ...(before.at(-1) as JournalEvent), seq: before.length + 1 };
    const err = await store.append('full', [extra], { ...summary, lastSeq: extra.seq }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageFullError);
    expect((err as Error).message).toBe(
      `The browser's storage for this site is full, so the journal of instance "full" could not be saved. ` +
        'Nothing already saved was lost. Delete old instances or snapshots (or free disk space) and try again.',
    );
    expect(await store.read('full')).toEqual(before);
    expect((await store.getInstance('full'))?.lastSeq).toBe(before.length);
    restore();
    engine.dispose();
    db.close();
  });
});
