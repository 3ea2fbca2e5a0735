/**
 * The journal events that error an instance whose own code outside any step (`run()`, or a task or callback it
 * started) held Python when the supervisor ended its executor (Kill now, a reload or closed tab, a restart):
 * written by the next executor before it resumes anything, after the stopped attempts, so recovery never
 * re-enters that code. Cloudflare's engine does the same with a run whose invocation throws (its CPU limit
 * exceeded): the instance errors with that error; it is not retried.
 */
import { IllegalStateError, type JournalEvent, type JournalStore } from '../engine';
import type { StoppedAttempt, StoppedRun } from '../protocol';
import { importedSummary } from './import-journal';
import { stoppedAttemptEvents } from './stopped-attempts';
import { stoppedStart } from './stopped-start';

/**
 * What to append to `journal` for `stopped`: `run-errored` for its run still going. Empty when there is none
 * (the instance is finite, paused, or its run was evicted to sleep or wait: that code no longer runs).
 */
export function stoppedRunEvents(
  journal: readonly JournalEvent[],
  stopped: StoppedRun,
  now: number,
  wall: number,
): JournalEvent[] {
  const start = stoppedStart(journal, now);
  const run = start?.view.runs.at(-1);
  if (!start || !run || run.end !== null) return [];
  const { name, message } = stopped.error;
  return [
    {
      instanceId: stopped.instanceId,
      seq: start.last.seq + 1,
      at: start.at,
      wall,
      type: 'run-errored',
      run: run.run,
      error: { name, message },
    },
  ];
}

/**
 * Journals the stopped attempts, then the stopped runs (an attempt failed first, then its instance errored).
 * `loaded(id)`: the engine has loaded that instance already, when it is too late (refused).
 */
export async function journalStopped(
  deps: { store: JournalStore; loaded(id: string): boolean; now(): number; wallNow(): number },
  attempts: readonly StoppedAttempt[],
  runs: readonly StoppedRun[],
): Promise<void> {
  for (const stopped of [...attempts, ...runs]) {
    const id = stopped.instanceId;
    if (deps.loaded(id)) {
      throw new IllegalStateError(
        `Instance "${id}" is already loaded: its stopped ${'stepName' in stopped ? 'attempt' : 'run'} cannot be journaled now.`,
      );
    }
    const journal = await deps.store.read(id);
    const events =
      'stepName' in stopped
        ? stoppedAttemptEvents(journal, stopped, deps.now(), deps.wallNow())
        : stoppedRunEvents(journal, stopped, deps.now(), deps.wallNow());
    if (events.length > 0) await deps.store.append(id, events, importedSummary([...journal, ...events]));
  }
}
