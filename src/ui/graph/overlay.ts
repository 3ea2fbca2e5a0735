/**
 * The runtime overlay of the graph: for each plan node, what the selected instance's journal says about it —
 * status colour, attempts, duration, how often replay served it from the journal, and the wake time of a
 * pending sleep, retry delay or wait (for the live countdown). Pure; times are engine clock ms.
 */
import type { WorkflowAnalysis } from '../../analysis';
import {
  type CallRef,
  type CallView,
  callKey,
  type DivergenceView,
  FINITE_STATUSES,
  type InstanceView,
} from '../../engine';
import { callsByNode } from './node-calls';

/** A node's runtime state, in the order it is most worth showing. */
export type OverlayStatus =
  | 'running'
  | 'retrying'
  | 'sleeping'
  | 'waiting'
  | 'failed'
  | 'timed-out'
  | 'diverged'
  | 'stopped'
  | 'done'
  | 'not-run';

/** What the graph draws over one node. */
export interface NodeOverlay {
  status: OverlayStatus;
  /** How many calls of the node the instance made (loops call one node many times). */
  calls: number;
  /** Attempts over all calls (`do` nodes). */
  attempts: number;
  /** Start of the first call to the end of the last; null while one is unfinished. */
  durationMs: number | null;
  /** The instance is complete, errored or terminated: a node it did not call was not run, not "not yet". */
  instanceEnded: boolean;
  /** Start of the first call, for a live duration while unfinished. */
  startedAt: number | null;
  /** Later runs that served this node from the journal instead of running it. */
  replays: number;
  /** When the pending sleep / retry delay / wait timeout of this node fires. */
  wakeAt: number | null;
  wakeKind: 'sleep' | 'retry' | 'wait-timeout' | null;
  /** A replay diverged here: the code issued this node's call where the journal held another one. */
  divergence: { run: number; expected: CallRef; got: CallRef } | null;
}

/** A call's own status mapped onto the overlay's. */
function callStatus(c: CallView): OverlayStatus {
  if (c.orphaned) return 'diverged';
  switch (c.kind) {
    case 'do':
      return c.status === 'succeeded' ? 'done' : c.status;
    case 'sleep':
      return c.status === 'finished' ? 'done' : 'sleeping';
    case 'wait':
      return c.status === 'received' ? 'done' : c.status;
  }
}

const PRIORITY: readonly OverlayStatus[] = [
  'running',
  'retrying',
  'sleeping',
  'waiting',
  'failed',
  'timed-out',
  'diverged',
  'stopped',
  'done',
  'not-run',
];

/** What an unfinished call was doing; once the instance has ended (terminated, errored) it is `stopped`. */
const UNFINISHED: ReadonlySet<OverlayStatus> = new Set(['running', 'retrying', 'sleeping', 'waiting']);

/** The overlay of every node of `analysis` for `view`. */
export function buildOverlay(
  analysis: WorkflowAnalysis,
  view: InstanceView,
  byNode: ReadonlyMap<string, CallView[]> = callsByNode(analysis, view),
): Map<string, NodeOverlay> {
  const replays = new Map<string, number>();
  for (const run of view.runs)
    for (const ref of run.replayed) replays.set(callKey(ref), (replays.get(callKey(ref)) ?? 0) + 1);
  const wake = view.pendingWake;
  const divergedAt = new Map<string, DivergenceView>();
  for (const d of view.divergences) if (d.got) divergedAt.set(callKey(d.got), d);
  const instanceEnded = FINITE_STATUSES.includes(view.status);
  const result = new Map<string, NodeOverlay>();
  for (const [nodeId, calls] of byNode) {
    const statuses = calls.map(callStatus);
    const found = PRIORITY.find((p) => statuses.includes(p)) ?? 'not-run';
    // A terminated instance's step whose last attempt failed is not "retrying": no retry will come.
    const status = instanceEnded && UNFINISHED.has(found) ? 'stopped' : found;
    const unfinished = calls.some((c) => c.endedAt === null);
    const first = calls[0];
    const last = calls.reduce((m, c) => Math.max(m, c.endedAt ?? 0), 0);
    const pending = wake && calls.some((c) => callKey(c) === callKey(wake.call)) ? wake : undefined;
    result.set(nodeId, {
      status,
      calls: calls.length,
      attempts: calls.reduce((n, c) => n + (c.kind === 'do' ? c.attempts.length : 0), 0),
      durationMs: first && !unfinished ? last - first.startedAt : null,
      instanceEnded,
      startedAt: first?.startedAt ?? null,
      replays: calls.reduce((n, c) => n + (replays.get(callKey(c)) ?? 0), 0),
      wakeAt: pending?.at ?? null,
      wakeKind: pending?.kind ?? null,
      divergence: divergenceOf(calls, divergedAt),
    });
  }
  return result;
}

/** The latest divergence whose new call is one of `calls`. */
function divergenceOf(
  calls: readonly CallView[],
  divergedAt: ReadonlyMap<string, DivergenceView>,
): NodeOverlay['divergence'] {
  let found: DivergenceView | undefined;
  for (const c of calls) {
    const d = divergedAt.get(callKey(c));
    if (d && (!found || d.run > found.run)) found = d;
  }
  return found?.got ? { run: found.run, expected: found.expected, got: found.got } : null;
}
