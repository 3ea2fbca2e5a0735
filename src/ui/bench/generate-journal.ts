/**
 * A big, realistic journal for the history benchmark and tests, recorded by the real engine (virtual clock,
 * memory store): `steps` `step.do` calls in batches, every 25th failing once and retried after 2 s, a
 * 1-minute sleep after every `batch` steps (each sleep ends the run: the next run replays every earlier step),
 * and a 1-day sleep in the middle. Deterministic for a given `steps`/`batch`.
 */
import {
  createEngine,
  createMemoryJournalStore,
  createVirtualClock,
  type JournalEvent,
  runToIdle,
  type WorkflowBody,
} from '../../engine';

/** Where the generated journal's virtual clock starts: 2023-11-14T22:13:20Z. */
export const GENERATED_T0 = 1_700_000_000_000;

/** Options of {@link generateJournal}. */
export interface GenerateJournalOptions {
  steps: number;
  /** Steps between two sleeps (each sleep is a new run). Default 150. */
  batch?: number;
  id?: string;
  /** A macrotask (`setImmediate` in Node; a MessageChannel in a page). */
  defer(cb: () => void): void;
}

/** Records the journal of one instance of the generated workflow (`history-bench`), run to completion. */
export async function generateJournal(opts: GenerateJournalOptions): Promise<JournalEvent[]> {
  const batch = opts.batch ?? 150;
  const id = opts.id ?? 'history-bench';
  const failed = new Set<number>();
  const body: WorkflowBody = async ({ step }) => {
    for (let i = 0; i < opts.steps; i++) {
      await step.do(
        `step_${i}`,
        () => {
          if (i % 25 === 3 && !failed.has(i)) {
            failed.add(i);
            throw new Error(`flaky upstream (step ${i})`);
          }
          return { n: i };
        },
        { retries: { limit: 2, delay: '2 seconds', backoff: 'constant' } },
      );
      if (i % batch === batch - 1) {
        const long = i === Math.floor(opts.steps / 2 / batch) * batch + batch - 1;
        await step.sleep(`pause_${i}`, long ? '1 day' : '1 minute');
      }
    }
    return { done: opts.steps };
  };
  const clock = createVirtualClock(GENERATED_T0);
  const store = createMemoryJournalStore();
  const engine = createEngine({
    store,
    clock,
    resolveWorkflow: () => body,
    newId: () => id,
    defer: opts.defer,
  });
  await engine.binding('history-bench').create({ id });
  await runToIdle(engine, clock, { maxAdvances: 100_000 });
  const events = await store.read(id);
  engine.dispose();
  return events;
}
