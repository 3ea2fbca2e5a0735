import { FINITE_STATUSES, type InstanceView, type JournalEvent, reduceJournal } from '../engine';

/**
 * Where the events for a stopped attempt or run (`stopped-attempts.ts`, `stopped-runs.ts`) start: the journal's
 * last event, the instance's view, and the time to write them at (`now`, never before the last event).
 * Undefined when there is nothing to stop: the journal is empty or the instance finite.
 */
export function stoppedStart(
  journal: readonly JournalEvent[],
  now: number,
): { last: JournalEvent; view: InstanceView; at: number } | undefined {
  const last = journal.at(-1);
  if (!last) return undefined;
  const view = reduceJournal(journal);
  return FINITE_STATUSES.includes(view.status) ? undefined : { last, view, at: Math.max(now, last.at) };
}
