/**
 * Test support: real journals from the real engine (virtual clock, memory store) for the UI's view-model
 * tests, so overlays and inspectors are tested against what the executor actually writes.
 */
import {
  createEngine,
  createMemoryJournalStore,
  createVirtualClock,
  type InstanceView,
  type JournalEvent,
  reduceJournal,
  runToIdle,
  type WorkflowBody,
} from '../../engine';

/** Where the virtual clock starts: 2023-11-14T22:13:20Z. */
export const T0 = 1_700_000_000_000;

/** A started engine with one workflow, `wf`, and helpers to drive it. */
export function createTestEngine(body: WorkflowBody) {
  const clock = createVirtualClock(T0);
  const store = createMemoryJournalStore();
  const start = () =>
    createEngine({
      store,
      clock,
      resolveWorkflow: (name) => (name === 'wf' ? body : undefined),
      newId: () => 'i-1',
      defer: (cb) => setImmediate(cb),
    });
  let engine = start();
  return {
    get engine() {
      return engine;
    },
    clock,
    create: (params?: unknown) => engine.binding('wf').create({ id: 'i-1', params }),
    /** Stops the engine as a crash would and starts a new one on the same journal, which recovers. */
    async crash() {
      engine.dispose();
      engine = start();
      await engine.recover();
    },
    idle: (until?: number) => runToIdle(engine, clock, until === undefined ? {} : { until }),
    journal: (): Promise<JournalEvent[]> => store.read('i-1'),
    view: async (): Promise<InstanceView> => reduceJournal(await store.read('i-1')),
  };
}
