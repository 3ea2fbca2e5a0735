import { afterEach, describe, expect, it } from 'vitest';
import { StudioDB } from '../../persistence';
import { createThrottledFeed } from './throttled-feed';

let n = 0;
const dbs: StudioDB[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const summary = (id: string, updatedAt: number) => ({
  id,
  workflowName: 'wf',
  status: 'running' as const,
  createdAt: 0,
  updatedAt,
  lastSeq: 1,
  runs: 1,
  steps: 0,
  error: null,
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

/** Real timers, and a failed read fails the test. */
const realTimers = {
  now: () => performance.now(),
  setTimer: (cb: () => void, ms: number) => {
    const id = setTimeout(cb, ms);
    return () => clearTimeout(id);
  },
  onError: (e: unknown) => {
    throw e;
  },
};

describe('createThrottledFeed()', () => {
  it('reads once at start, then at most once per throttle window however many writes happen', async () => {
    const db = new StudioDB(`throttled-${++n}`);
    dbs.push(db);
    let reads = 0;
    const feed = createThrottledFeed({
      signal: () => db.instances.count(),
      read: async () => {
        reads++;
        return db.instances.count();
      },
      throttleMs: 200,
      ...realTimers,
    });
    const stop = feed.subscribe(() => {});
    await until(() => feed.getSnapshot() === 0);
    for (let i = 0; i < 30; i++) await db.instances.put(summary(`i${i}`, i));
    await until(() => feed.getSnapshot() === 30);
    expect(reads).toBeLessThan(6);
    stop();
  });

  it('does not query the signal on every write while a read is pending', async () => {
    const db = new StudioDB(`throttled-${++n}`);
    dbs.push(db);
    let signals = 0;
    const feed = createThrottledFeed({
      signal: () => {
        signals++;
        return db.instances.count();
      },
      read: () => db.instances.count(),
      throttleMs: 300,
      ...realTimers,
    });
    const stop = feed.subscribe(() => {});
    await until(() => feed.getSnapshot() === 0);
    const before = signals;
    for (let i = 0; i < 40; i++) await db.instances.put(summary(`i${i}`, i));
    await until(() => feed.getSnapshot() === 40);
    // 40 writes; a signal per write would be 40 queries. Watching only between reads takes a handful.
    expect(signals - before).toBeLessThan(12);
    stop();
  });

  it('watches nothing without listeners', async () => {
    const db = new StudioDB(`throttled-${++n}`);
    dbs.push(db);
    let reads = 0;
    const feed = createThrottledFeed({
      signal: () => db.instances.count(),
      read: async () => ++reads,
      throttleMs: 0,
      ...realTimers,
    });
    // The control watches the same table with a listener: once it has read the change, the stopped feed had
    // its chance to read it too.
    let controlReads = 0;
    const control = createThrottledFeed({
      signal: () => db.instances.count(),
      read: async () => ++controlReads,
      throttleMs: 0,
      ...realTimers,
    });
    const stopControl = control.subscribe(() => {});
    const stop = feed.subscribe(() => {});
    await until(() => reads === 1 && controlReads === 1);
    stop();
    await db.instances.put(summary('x', 1));
    await until(() => controlReads === 2);
    stopControl();
    expect(reads).toBe(1);
  });
});
