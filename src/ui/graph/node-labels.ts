import type { PlanNode } from '../../analysis';
import { formatDuration, plural } from '../format';
import type { NodeOverlay, OverlayStatus } from './overlay';

/** The kind tag shown on a node. */
export const KIND_LABELS: Record<PlanNode['kind'], string> = {
  do: 'step.do',
  sleep: 'step.sleep',
  sleep_until: 'step.sleep_until',
  wait_for_event: 'step.wait_for_event',
};

/** The kind tag on a graph node: short enough to leave room for the marks beside it. */
export const NODE_KINDS: Record<PlanNode['kind'], string> = {
  do: 'step.do',
  sleep: 'sleep',
  sleep_until: 'sleep_until',
  wait_for_event: 'wait_for_event',
};

/** What each overlay status says, for the tooltip and screen readers. */
const STATUS_LABELS: Record<OverlayStatus, string> = {
  running: 'running',
  retrying: 'waiting to retry',
  sleeping: 'sleeping',
  waiting: 'waiting for an event',
  failed: 'failed',
  'timed-out': 'timed out',
  diverged: 'diverged (the code no longer makes this call)',
  stopped: 'stopped: the instance ended before this call finished',
  done: 'done',
  'not-run': 'not run yet',
};

/** The one-word status a node shows (the long form is its tooltip). */
const STATUS_SHORT: Record<OverlayStatus, string> = {
  running: 'running',
  retrying: 'retrying',
  sleeping: 'sleeping',
  waiting: 'waiting',
  failed: 'failed',
  'timed-out': 'timed out',
  diverged: 'diverged',
  stopped: 'stopped',
  done: 'done',
  'not-run': 'not run yet',
};

/** The status words of a node: short (on the node) and long (tooltip); a call an ended instance never made is "not run". */
export function statusWords(o: NodeOverlay): { short: string; long: string } {
  if (o.status === 'not-run' && o.instanceEnded)
    return { short: 'not run', long: 'not run: the instance ended without it' };
  return { short: STATUS_SHORT[o.status], long: STATUS_LABELS[o.status] };
}

/** The facts line of a node's overlay: "2 calls · 3 attempts · 1.2 s". */
export function overlayFacts(o: NodeOverlay, kind: PlanNode['kind']): string[] {
  const facts: string[] = [];
  if (o.calls > 1) facts.push(plural(o.calls, 'call'));
  if (kind === 'do' && o.calls > 0) facts.push(plural(o.attempts, 'attempt'));
  if (o.durationMs !== null) facts.push(formatDuration(o.durationMs));
  return facts;
}
