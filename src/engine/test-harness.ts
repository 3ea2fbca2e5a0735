/**
 * Test-only support (not exported from index.ts): an engine on a virtual clock and a memory store, with a
 * macrotask `defer` (Node's `setImmediate`) so eviction checks behave as they do under a real host.
 */
import { createVirtualClock, type VirtualClock } from './clock';
import { createEngine } from './engine';
import type { InstanceView } from './instance-view';
import type { JournalEvent } from './journal';
import { reduceJournal } from './ledger';
import { createMemoryJournalStore } from './memory-store';
import type { JournalStore } from './store';
import { runToIdle } from './testing';
import type { Engine, EngineDeps, WorkflowBody } from './types';

/** 2023-11-14T22:13:20Z: where virtual clocks in tests start. */
export const T0 = 1_700_000_000_000;

/** An engine wired for tests. */
export interface Harness {
  engine: Engine;
  clock: VirtualClock;
  store: JournalStore;
  /** Settles and jumps the clock timer by timer until nothing is left (or `until`). */
  runToIdle(until?: number): Promise<number>;
  journal(id: string): Promise<JournalEvent[]>;
  view(id: string): Promise<InstanceView>;
  /** A new engine on the same store and clock (after `engine.dispose()`, this is a restart after a crash). */
  reopen(): Harness;
}

/** Creates a harness. `workflows` maps names to bodies; ids default to `id-1`, `id-2`, … */
export function createHarness(
  workflows: Record<string, WorkflowBody>,
  options: { store?: JournalStore; clock?: VirtualClock } & Partial<Omit<EngineDeps, 'store' | 'clock'>> = {},
): Harness {
  const clock = options.clock ?? createVirtualClock(T0);
  const store = options.store ?? createMemoryJournalStore();
  let ids = 0;
  const engine = createEngine({
    resolveWorkflow: (name) => workflows[name],
    defer: (cb) => setImmediate(cb),
    ...options,
    newId: 'newId' in options ? options.newId : () => `id-${++ids}`,
    store,
    clock,
  });
  return {
    engine,
    clock,
    store,
    runToIdle: (until) => runToIdle(engine, clock, until === undefined ? {} : { until }),
    journal: (id) => store.read(id),
    view: async (id) => reduceJournal(await store.read(id)),
    reopen: () => createHarness(workflows, { ...options, store, clock }),
  };
}

/** A workflow that sleeps an hour ("nap"), then returns "rested". */
export const sleeper: WorkflowBody = async ({ step }) => {
  await step.sleep('nap', '1 hour');
  return 'rested';
};

/** The `type`s of a journal, in order: a compact way to assert what was journaled. */
export function types(events: readonly JournalEvent[]): string[] {
  return events.map((e) => e.type);
}
