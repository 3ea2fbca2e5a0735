/**
 * Durable engine benchmarks: journaled steps per second, and how replay time grows with journal length
 * (it must be linear: the reducer indexes the journal, so a replayed call is an O(1) lookup).
 */
import {
  createEngine,
  createMemoryJournalStore,
  createVirtualClock,
  type Engine,
  type JournalEvent,
  type JournalStore,
  type WorkflowBody,
} from '../src/engine';
import { storeForReplay } from './replay-store';
import { median, settleHeap, time } from './stats';
import type { BenchCase } from './types';

const T0 = 1_700_000_000_000;

/** A workflow of `n` sequential `step.do` calls, each returning a small object. */
const sequential =
  (n: number): WorkflowBody =>
  async ({ step }) => {
    let last: unknown = null;
    for (let i = 0; i < n; i++) last = await step.do(`step-${i}`, () => ({ i }));
    return last as never;
  };

function engineOn(store: JournalStore, n: number, startMs = T0): Engine {
  return createEngine({
    store,
    clock: createVirtualClock(startMs),
    resolveWorkflow: () => sequential(n),
    defer: (cb) => setImmediate(cb),
  });
}

async function expectComplete(engine: Engine, id: string): Promise<void> {
  const status = await (await engine.binding('bench').get(id)).status();
  if (status.status !== 'complete') throw new Error(`instance ${id} ended ${JSON.stringify(status)}`);
}

/** Milliseconds from create() to complete for `n` sequential steps on a fresh engine and memory store. */
/** Journal appends per step in the last {@link runSteps} (group commit makes it about one). */
let lastAppendsPerStep = 0;

async function runSteps(n: number): Promise<number> {
  const inner = createMemoryJournalStore();
  let appends = 0;
  const store: JournalStore = {
    ...inner,
    append: (instanceId, events, summary) => {
      appends += 1;
      return inner.append(instanceId, events, summary);
    },
  };
  const engine = engineOn(store, n);
  let id = '';
  const ms = await time(async () => {
    id = (await engine.binding('bench').create({ id: 'run' })).id;
    await engine.settle();
  });
  await expectComplete(engine, id);
  engine.dispose();
  lastAppendsPerStep = appends / n;
  return ms;
}

/** The journal of `n` completed steps, cut just before `run-finished`: as if the engine died right there. */
const crashedJournals = new Map<number, JournalEvent[]>();
async function crashedJournal(n: number): Promise<JournalEvent[]> {
  const cached = crashedJournals.get(n);
  if (cached) return cached;
  const store = createMemoryJournalStore();
  const engine = engineOn(store, n);
  await engine.binding('bench').create({ id: 'replay' });
  await engine.settle();
  engine.dispose();
  const journal = (await store.read('replay')).filter((e) => e.type !== 'run-finished');
  crashedJournals.set(n, journal);
  return journal;
}

/**
 * Replays per sample. One young-generation scavenge costs about as much as a few thousand replayed steps, so a
 * single replay either contains one or not (5,000-step samples were bimodal: ~5 ms or ~9 ms, alternating).
 * Averaging over consecutive replays gives every sample its proportional share of GC.
 */
const REPLAYS_PER_SAMPLE = 6;

/** Mean milliseconds of {@link REPLAYS_PER_SAMPLE} consecutive replays of `n` steps. */
async function replaySample(n: number): Promise<number> {
  let total = 0;
  for (let i = 0; i < REPLAYS_PER_SAMPLE; i++) total += await replaySteps(n);
  return total / REPLAYS_PER_SAMPLE;
}

/**
 * Mean replay times of `a` and `b` steps over {@link REPLAYS_PER_SAMPLE} replays each, interleaved one by one
 * (a b, b a, a b, …) so that both sizes see the same machine load and the same share of GC.
 */
async function interleaved(a: number, b: number): Promise<[number, number]> {
  let ta = 0;
  let tb = 0;
  for (let i = 0; i < REPLAYS_PER_SAMPLE; i++) {
    if (i % 2 === 0) {
      ta += await replaySteps(a);
      tb += await replaySteps(b);
    } else {
      tb += await replaySteps(b);
      ta += await replaySteps(a);
    }
  }
  return [ta / REPLAYS_PER_SAMPLE, tb / REPLAYS_PER_SAMPLE];
}

/** Milliseconds for recover() on a fresh engine to finish an instance whose journal holds `n` successes. */
async function replaySteps(n: number): Promise<number> {
  const journal = await crashedJournal(n);
  const store = await storeForReplay(journal, n, T0);
  const engine = engineOn(store, n);
  const ms = await time(async () => {
    await engine.recover();
    await engine.settle();
  });
  await expectComplete(engine, 'replay');
  engine.dispose();
  return ms;
}

/**
 * Two warm-up runs, then `count` measurements. No forced GC between samples: measured, a full GC before each
 * sample made every sample 2–4× slower (code and young generation start cold), which is not what hosts see.
 */
async function samples(count: number, measure: () => Promise<number>): Promise<number[]> {
  await measure();
  await measure();
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(await measure());
  return out;
}

const throughput = (n: number, full: number, quick: number): BenchCase => ({
  group: 'engine',
  name: `journaled steps/s, ${n.toLocaleString('en-US')} sequential steps (memory store)`,
  goal: '≥ 20,000 steps/s',
  async run(opts) {
    const rates = (await samples(opts.quick ? quick : full, () => runSteps(n))).map((ms) => n / (ms / 1000));
    return {
      value: median(rates),
      unit: 'steps/s',
      samples: rates,
      note: `One sample = create() → complete of one instance running ${n.toLocaleString('en-US')} sequential step.do calls on a virtual clock and the in-memory store: each step validates its config and result and journals step-started + attempt-started and step-succeeded with the instance summary; group commit writes a step's success with the next step's start, ${lastAppendsPerStep.toFixed(2)} store appends per step. Higher is better.`,
    };
  },
});

const replay = (n: number): BenchCase => ({
  group: 'engine',
  name: `replay time, ${n.toLocaleString('en-US')} journaled steps`,
  async run(opts) {
    const ms = await samples(opts.quick ? 2 : 11, () => replaySample(n));
    return {
      value: median(ms),
      unit: 'ms',
      samples: ms,
      note: `One sample = recover() on a fresh engine → complete, for an instance that died just before finishing ${n.toLocaleString('en-US')} steps: read and reduce the journal, re-run the body with every step served from the journal, journal the finish; each sample is the mean of ${REPLAYS_PER_SAMPLE} consecutive replays, so it carries its share of garbage collection. Lower is better.`,
    };
  },
});

const replayRatio: BenchCase = {
  group: 'engine',
  name: 'replay scaling, 10,000 vs 5,000 steps',
  goal: '≤ 2.2×',
  async run(opts) {
    const pairs = opts.quick ? 3 : 21;
    await replaySample(5_000);
    await replaySample(10_000);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < pairs; i++) {
      // Each pair starts from a collected heap, so an old-generation collection the previous pair left due does
      // not land in one pair's larger size only (the rerun's 2.48× median had such outliers).
      await settleHeap();
      const [a, b] = await interleaved(5_000, 10_000);
      small.push(a);
      large.push(b);
    }
    const ratios = large.map((ms, i) => ms / (small[i] as number));
    const fixed = (n: number) => n.toFixed(2);
    return {
      value: median(ratios),
      unit: '×',
      samples: ratios,
      note: `Replay time at 10,000 steps ÷ replay time at 5,000. One sample = ${REPLAYS_PER_SAMPLE} replays of each size, interleaved one by one (order alternating) so both sizes see the same machine load and share of GC, after a full GC before each sample; the result is the median of the per-sample ratios (p50), its p90 beside it. For reference: ratio of medians ${fixed(median(large) / median(small))} (${median(large).toFixed(1)} ÷ ${median(small).toFixed(1)} ms), ratio of minimums ${fixed(Math.min(...large) / Math.min(...small))}. 2.0 = linear; a quadratic replay would give about 4.`,
    };
  },
};

export default [
  throughput(1_000, 15, 3),
  throughput(10_000, 7, 1),
  replay(5_000),
  replay(10_000),
  replayRatio,
] satisfies BenchCase[];
