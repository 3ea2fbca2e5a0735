/**
 * @internal Test helpers: an engine on a virtual clock with one Python module loaded, driven to idle the way
 * the CLI does it. Only for `*.test.ts` and benches.
 */
import {
  createEngine,
  createMemoryJournalStore,
  createVirtualClock,
  type Engine,
  FINITE_STATUSES,
  type InstanceView,
  type JournalEvent,
  type JournalStore,
  type Mocks,
  reduceJournal,
  type VirtualClock,
} from '../engine';
import type { EnvBindings } from './bindings/env-bindings';
import type { PythonRuntime } from './python-runtime';
import type { WorkflowModule } from './workflow-module';

/** 2001-09-09T01:46:40Z: far from "now", so tests notice when Python reads the wall clock. */
export const T0 = 1_000_000_000_000;

/** An engine with one module. */
export interface Harness {
  engine: Engine;
  clock: VirtualClock;
  store: JournalStore;
  module: WorkflowModule;
  /** Settles engine and Python, advancing the clock timer by timer until `id` is finished or stuck. */
  run(id: string, opts?: { maxAdvances?: number }): Promise<InstanceView>;
  journal(id: string): Promise<JournalEvent[]>;
  /** Settles engine and Python without moving the clock. */
  idle(): Promise<void>;
  dispose(): void;
}

/** Where a harness keeps its journal and starts its clock, and the file name Python reports. */
export interface HarnessOptions {
  /** Default `flow.py`. */
  filename?: string;
  /** Default: a fresh in-memory store (pass one to replay a journal on a new engine). */
  store?: JournalStore;
  /** Default {@link T0}. */
  start?: number;
  /** The file's declared bindings (KV, D1, R2, vars, secrets), made on the harness's clock. */
  env?: (now: () => number) => EnvBindings;
  /** The file's mocks (default none). */
  mocks?: Mocks;
}

/** Loads `source` into `runtime` and wires it to a fresh engine on a virtual clock at `start`. */
export function createHarness(runtime: PythonRuntime, source: string, opts: HarnessOptions = {}): Harness {
  const { filename = 'flow.py', store = createMemoryJournalStore(), start = T0 } = opts;
  const clock = createVirtualClock(start);
  const env = opts.env?.(() => clock.now());
  let module: WorkflowModule | undefined;
  const engine = createEngine({
    store,
    clock,
    resolveWorkflow: (name) => module?.body(name),
    defer: (cb) => setImmediate(cb),
    hostActivity: (run) => runtime.activity(run),
  });
  const loaded = runtime.loadModule({
    source,
    filename,
    clock,
    binding: (name) => engine.binding(name),
    env: () => env,
    mocks: opts.mocks,
  });
  if (!loaded.ok) throw new Error(`${loaded.error.name}: ${loaded.error.message} (line ${loaded.error.line})`);
  module = loaded.module;
  const idle = async () => {
    await engine.settle();
    // A binding call awaits the host (storage, sql.js), which the engine cannot see as activity.
    while ((env?.pending() ?? 0) > 0) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      await engine.settle();
    }
  };
  return {
    engine,
    clock,
    store,
    module,
    idle,
    journal: (id) => store.read(id),
    async run(id, opts = {}) {
      for (let i = 0; i < (opts.maxAdvances ?? 1000); i++) {
        await idle();
        const view = reduceJournal(await store.read(id));
        if (FINITE_STATUSES.includes(view.status)) return view;
        const next = clock.nextTimerAt();
        if (next === undefined) return view;
        clock.advanceTo(next);
      }
      return reduceJournal(await store.read(id));
    },
    dispose() {
      engine.dispose();
      module?.dispose();
    },
  };
}
