/**
 * The instance list's view model: filter by status and id search, newest first, and the counts per status
 * for the filter. Pure; works on the `instances` summaries the executor writes with every journal append.
 */
import { FINITE_STATUSES, type InstanceStatus, type InstanceSummary } from '../../engine';
import { ALL_STATUSES, type InstanceFilter } from '../../store';

/** Statuses in the order the filter lists them. */
export const STATUS_ORDER: readonly InstanceStatus[] = [
  'running',
  'waiting',
  'waitingForPause',
  'paused',
  'queued',
  'errored',
  'terminated',
  'complete',
  'unknown',
];

/** Words for statuses (Cloudflare's names, spelled for people). */
export const STATUS_TEXT: Record<InstanceStatus, string> = {
  queued: 'queued',
  running: 'running',
  paused: 'paused',
  errored: 'errored',
  terminated: 'terminated',
  complete: 'complete',
  waiting: 'waiting',
  waitingForPause: 'pausing',
  unknown: 'unknown',
};

/** Summaries matching `filter`, newest first. `summaries` is not modified. */
export function filterInstances(summaries: readonly InstanceSummary[], filter: InstanceFilter): InstanceSummary[] {
  const needle = filter.search.trim().toLowerCase();
  const rows = summaries.filter(
    (s) =>
      (filter.status === ALL_STATUSES || s.status === filter.status) &&
      (needle === '' || s.id.toLowerCase().includes(needle)),
  );
  return rows.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
}

/** How many instances have each status. */
export function countByStatus(summaries: readonly InstanceSummary[]): Map<InstanceStatus, number> {
  const counts = new Map<InstanceStatus, number>();
  for (const s of summaries) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  return counts;
}

/** Whether an instance has stopped for good (its duration no longer grows). */
export const isFinished = (status: InstanceStatus) => FINITE_STATUSES.includes(status);

/** How long an instance has existed: to its last event when finished, else to `now`. */
export const instanceDuration = (s: InstanceSummary, now: number) =>
  (isFinished(s.status) ? s.updatedAt : Math.max(now, s.updatedAt)) - s.createdAt;
