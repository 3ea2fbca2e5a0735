import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, createVirtualClock, runToIdle } from '../../engine';
import { createDexieJournalStore, StudioDB } from '../../persistence';
import { createJournalFeed } from './journal-feed';

const T0 = 1_700_000_000_000;
let n = 0;
const dbs: StudioDB[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('createJournalFeed()', () => {
  it('follows an instance the engine journals to IndexedDB, reading only new events each time', async () => {
    const db = new StudioDB(`journal-feed-${++n}`);
    dbs.push(db);
    const clock = createVirtualClock(T0);
    const engine = createEngine({
      store: createDexieJournalStore(db),
      clock,
      resolveWorkflow:
        () =>
        async ({ step }) => {
          await step.do('a', () => 1);
          await step.sleep('nap', '1 second');
          return step.do('b', () => 2);
        },
      defer: (cb) => setImmediate(cb),
    });
    const feed = createJournalFeed(db, 'i-1', {
      throttleMs: 0,
      now: () => performance.now(),
      setTimer: (cb, ms) => {
        const id = setTimeout(cb, ms);
        return () => clearTimeout(id);
      },
      onError: (e) => {
        throw e;
      },
    });
    const stop = feed.subscribe(() => {});
    await until(() => feed.getSnapshot()?.status === 'missing');

    await engine.binding('wf').create({ id: 'i-1' });
    await runToIdle(engine, clock, { until: T0 + 500 });
    await until(() => {
      const s = feed.getSnapshot();
      return s?.status === 'ready' && s.view.status === 'waiting';
    });
    const first = feed.getSnapshot();
    await runToIdle(engine, clock);
    await until(() => {
      const s = feed.getSnapshot();
      return s?.status === 'ready' && s.view.status === 'complete';
    });
    const done = feed.getSnapshot();
    if (first?.status !== 'ready' || done?.status !== 'ready') throw new Error('not ready');
    expect(done.events.slice(0, first.events.length)).toEqual(first.events);
    expect(done.events.map((e) => e.seq)).toEqual(done.events.map((_, i) => i + 1));

    await db.transaction('rw', db.instances, db.journal, async () => {
      await db.instances.delete('i-1');
      await db.journal.where('instanceId').equals('i-1').delete();
    });
    await until(() => feed.getSnapshot()?.status === 'missing');
    stop();
    engine.dispose();
  });
});
