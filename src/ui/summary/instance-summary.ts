/**
 * The instance summary's model: what a person wants first about an instance (as Cloudflare's dashboard,
 * Temporal UI and Inngest show it): which workflow, its status and how it got there, its input, its output or
 * its error, when it started and ended, and how many runs and steps it took. Derived from the journal only;
 * given the view and events of a prefix (time travel), it is the instance as it was then. Pure.
 */
import {
  FINITE_STATUSES,
  type InstanceStatus,
  type InstanceView,
  type JournalEvent,
  type Json,
  type SerializedError,
  type StatusChange,
  statusHistory,
} from '../../engine';

/** Everything the summary shows. */
export interface InstanceSummaryModel {
  id: string;
  workflowName: string;
  status: InstanceStatus;
  history: StatusChange[];
  params: Json;
  /** What run() returned, once complete (`value` may be null: Python returned None). */
  output: { present: true; value: Json } | { present: false };
  error: SerializedError | null;
  startedAt: number;
  /** When it stopped for good (complete, errored, terminated), else null (see {@link durationAt}). */
  endedAt: number | null;
  /** Clock time of the last event the summary covers. */
  updatedAt: number;
  runs: number;
  /** `step.do` calls of the current generation. */
  steps: number;
  /** Every journaled call (steps, sleeps, waits) of the current generation. */
  calls: number;
  generation: number;
}

/**
 * The summary of `view`, the reduction of `events.slice(0, view.lastSeq)`. `events` may run further (the
 * live journal while time travelling): only the prefix the view covers counts.
 */
export function summarizeInstance(view: InstanceView, events: readonly JournalEvent[]): InstanceSummaryModel {
  const prefix = events.length > view.lastSeq ? events.slice(0, view.lastSeq) : events;
  const history = statusHistory(prefix);
  const finished = FINITE_STATUSES.includes(view.status);
  const endedAt = finished ? (history.at(-1)?.at ?? view.updatedAt) : null;
  return {
    id: view.id,
    workflowName: view.workflowName,
    status: view.status,
    history,
    params: view.params,
    output: view.status === 'complete' ? { present: true, value: view.output } : { present: false },
    error: view.error,
    startedAt: view.createdAt,
    endedAt,
    updatedAt: view.updatedAt,
    runs: view.runs.length,
    steps: view.steps.length,
    calls: view.calls.filter((c) => c.generation === view.generation).length,
    generation: view.generation,
  };
}

/**
 * How long the instance ran: to its end once it ended, else to `now` (still going). While time travelling pass
 * the position's own time (`updatedAt`), not the wall clock: the past instance had run that long then.
 */
export function durationAt(s: InstanceSummaryModel, now: number): number {
  return Math.max(0, (s.endedAt ?? Math.max(now, s.updatedAt)) - s.startedAt);
}
