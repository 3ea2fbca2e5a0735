/**
 * Python runtime benchmarks in Node: end-to-end throughput of a Python workflow (Pyodide + the `workers` SDK +
 * the engine, the same code path as the CLI and the executor), replay of a Python run, and what booting
 * Pyodide costs. One Pyodide is booted lazily and shared by every case.
 */
import { createMemoryJournalStore, type Engine, type JournalEvent, type JournalStore } from '../src/engine';
import type { PythonRuntime, WorkflowModule } from '../src/runtime';
import { loadNodePython } from '../src/runtime/node';
import { createHarness } from '../src/runtime/test-harness';
import { storeForReplay } from './replay-store';
import { SEQUENTIAL_WORKFLOW_PY } from './sequential-workflow';
import { median, settleHeap, time } from './stats';
import type { BenchCase } from './types';

const T0 = 1_700_000_000_000;

const SOURCE = SEQUENTIAL_WORKFLOW_PY;

let booted: { runtime: PythonRuntime; loadMs: number } | undefined;

async function boot(): Promise<{ runtime: PythonRuntime; loadMs: number }> {
  if (!booted) {
    let runtime: PythonRuntime | undefined;
    const loadMs = await time(async () => {
      ({ runtime } = await loadNodePython({ stdout: () => {} }));
    });
    booted = { runtime: runtime as PythonRuntime, loadMs };
  }
  return booted;
}

/** A fresh engine on a virtual clock and `store`, with the bench module loaded into it. */
function engineOn(runtime: PythonRuntime, store: JournalStore): { engine: Engine; module: WorkflowModule } {
  return createHarness(runtime, SOURCE, { filename: 'bench.py', store, start: T0 });
}

async function expectComplete(engine: Engine, id: string, n: number): Promise<void> {
  const status = await (await engine.binding('bench').get(id)).status();
  if (status.status !== 'complete' || JSON.stringify(status.output) !== JSON.stringify({ i: n - 1 })) {
    throw new Error(`instance ${id} ended ${JSON.stringify(status)}`);
  }
}

/** Milliseconds from create() to complete for `n` sequential Python steps. */
async function runSteps(runtime: PythonRuntime, n: number): Promise<number> {
  const { engine, module } = engineOn(runtime, createMemoryJournalStore());
  const ms = await time(async () => {
    await engine.binding('bench').create({ id: 'run', params: { n } });
    await engine.settle();
  });
  await expectComplete(engine, 'run', n);
  engine.dispose();
  module.dispose();
  return ms;
}

/** Milliseconds for recover() to replay `n` journaled Python steps (cut before `run-finished`) and finish. */
async function replaySteps(runtime: PythonRuntime, journal: JournalEvent[], n: number): Promise<number> {
  const store = await storeForReplay(journal, n, T0);
  const { engine, module } = engineOn(runtime, store);
  const ms = await time(async () => {
    await engine.recover();
    await engine.settle();
  });
  await expectComplete(engine, 'replay', n);
  engine.dispose();
  module.dispose();
  return ms;
}

async function crashedJournal(runtime: PythonRuntime, n: number): Promise<JournalEvent[]> {
  const store = createMemoryJournalStore();
  const { engine, module } = engineOn(runtime, store);
  await engine.binding('bench').create({ id: 'replay', params: { n } });
  await engine.settle();
  engine.dispose();
  module.dispose();
  return (await store.read('replay')).filter((e) => e.type !== 'run-finished');
}

/** One warm-up, then `count` measurements, each after a full GC. */
async function samples(count: number, measure: () => Promise<number>): Promise<number[]> {
  await measure();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    await settleHeap();
    out.push(await measure());
  }
  return out;
}

const N = 1_000;

const throughput: BenchCase = {
  group: 'python',
  name: 'Python end-to-end steps/s, 1,000 sequential steps (Pyodide in Node)',
  goal: '≥ 1,000 steps/s',
  async run(opts) {
    const { runtime } = await boot();
    const rates = (await samples(opts.quick ? 2 : 11, () => runSteps(runtime, N))).map((ms) => N / (ms / 1000));
    return {
      value: median(rates),
      unit: 'steps/s',
      samples: rates,
      note: 'One sample = create() → complete of one instance of a Python workflow whose run() awaits 1,000 sequential @step.do calls (each returns a small dict), on a fresh engine with a virtual clock and the in-memory store, until engine and Python are idle (engine.settle() with hostActivity = runtime.activity()). Per step: Python → engine do(), journal appends, engine → Python attempt Task, result as JSON text back. Full GC before each sample. Higher is better.',
    };
  },
};

const replay: BenchCase = {
  group: 'python',
  name: 'Python replay time, 1,000 journaled steps',
  async run(opts) {
    const { runtime } = await boot();
    const journal = await crashedJournal(runtime, N);
    const ms = await samples(opts.quick ? 2 : 11, () => replaySteps(runtime, journal, N));
    return {
      value: median(ms),
      unit: 'ms',
      samples: ms,
      note: 'One sample = recover() on a fresh engine → complete, for a Python instance that died just before finishing 1,000 steps: run() runs again from the top and every step.do is served from the journal (no attempt Task), then the finish is journaled. Full GC before each sample. Lower is better.',
    };
  },
};

const bootTime: BenchCase = {
  group: 'python',
  name: 'Pyodide boot + workers SDK install in Node',
  async run() {
    const { loadMs } = await boot();
    return {
      value: loadMs,
      unit: 'ms',
      samples: [loadMs],
      note: 'loadPyodide() from node_modules/pyodide plus writing and importing the SDK (createPythonRuntime), once per process: the fixed cost the CLI pays on every call. One sample (the first case that needs Pyodide boots it). Lower is better.',
    };
  },
};

export default [bootTime, throughput, replay] satisfies BenchCase[];
