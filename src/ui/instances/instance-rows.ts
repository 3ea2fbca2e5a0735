/**
 * The instance list's view model: filter by status, workflow and id search, newest first (or sorted by start,
 * status or duration), and the counts per status and the workflows for the filters. Pure; works on the
 * `instances` summaries the executor writes with every journal append.
 */
import { FINITE_STATUSES, type InstanceStatus, type InstanceSummary } from '../../engine';
import { ALL_STATUSES, type InstanceFilter, type InstanceSort } from '../../store';

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
      (filter.workflow === ALL_STATUSES || s.workflowName === filter.workflow) &&
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

/** Every workflow name among the summaries, sorted, with how many instances each has. */
export function countByWorkflow(summaries: readonly InstanceSummary[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const s of summaries) counts.set(s.workflowName, (counts.get(s.workflowName) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * `rows` (newest first, as `filterInstances` returns them) in `sort`'s order; ties keep newest first. Status
 * follows the filter's order (running first); duration is measured at `now` for instances still going.
 */
export function sortInstances(rows: readonly InstanceSummary[], sort: InstanceSort, now: number): InstanceSummary[] {
  const rank = (s: InstanceSummary): number => {
    switch (sort.key) {
      case 'started':
        return s.createdAt;
      case 'status':
        return STATUS_ORDER.indexOf(s.status);
      case 'duration':
        return instanceDuration(s, now);
    }
  };
  const dir = sort.desc ? -1 : 1;
  return rows
    .map((row, i) => ({ row, i, r: rank(row) }))
    .sort((a, b) => (a.r - b.r) * dir || a.i - b.i)
    .map((x) => x.row);
}
