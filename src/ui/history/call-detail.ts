/**
 * What one call row of the history draws: its *geometry* (spans and markers in clock ms — each step attempt,
 * the retry delay after a failed one, a sleep or wait until its end, a replay, a wake) and, for the rows on
 * screen, their *words* (tooltips, the short text on the track, the row's status). Geometry is numbers only
 * (the time axis needs it for every row); words are built only when a row is drawn. Both are cached per row
 * source. Pure.
 */
import { type AttemptView, retryDelayMs, type SentEventView, type StepView } from '../../engine';
import { formatClock, formatDuration } from '../format';
import { callLabel } from './history-items';
import type { CallInLane } from './lanes';

/** What a span on a row's track is. */
export type SpanKind =
  | 'attempt-succeeded'
  | 'attempt-failed'
  | 'attempt-running'
  | 'attempt-lost'
  | 'retry-delay'
  | 'sleep'
  | 'wait';

/** What a point marker on a row is. */
export type MarkerKind = 'replayed' | 'sleep-finished' | 'event-received' | 'wait-timed-out' | 'event';

/** A stretch of time on a row; `attempt` for attempt spans and the retry delay after one. */
export interface SpanGeometry {
  kind: SpanKind;
  from: number;
  to: number;
  attempt?: AttemptView;
  /** A retry delay the instance's end cut short (`to` is that end): the retry never ran. */
  cancelled?: boolean;
}

/** A moment on a row. */
export interface MarkerGeometry {
  kind: MarkerKind;
  at: number;
}

/** Where a call row draws. */
export interface CallGeometry {
  spans: SpanGeometry[];
  markers: MarkerGeometry[];
}

/** A span with its words. */
export interface Span extends SpanGeometry {
  /** The whole story (tooltip). */
  label: string;
  /** A few words drawn on the track (retry delays, sleep and wait ends). */
  text?: string;
}

/** A marker with its words. */
export interface Marker extends MarkerGeometry {
  label: string;
}

/** What a call row shows. */
export interface CallDetail {
  /** What happened to the call in this lane, in words. */
  status: string;
  spans: Span[];
  markers: Marker[];
}

const BUSY: ReadonlySet<SpanKind> = new Set(['attempt-succeeded', 'attempt-failed', 'attempt-running']);

/** Whether something ran during spans of this kind (the axis never compresses them). */
export const isBusy = (kind: SpanKind) => BUSY.has(kind);

/** The error name of an attempt journaled as failed because the executor died during it. */
const LOST = 'WorkflowInternalError';

const geometries = new WeakMap<CallInLane, CallGeometry>();
const details = new WeakMap<CallInLane, CallDetail>();

/** Whether an attempt was lost with the executor (no outcome, and its run is over; or failed as internal). */
function isLost(a: AttemptView, s: CallInLane): boolean {
  return a.outcome === 'running' ? s.lane.end !== null : a.error?.name === LOST;
}

/** The spans and markers of a call in a lane (cached). */
export function callGeometry(s: CallInLane): CallGeometry {
  const hit = geometries.get(s);
  if (hit) return hit;
  const g = computeGeometry(s);
  geometries.set(s, g);
  return g;
}

function computeGeometry(s: CallInLane): CallGeometry {
  const { call, lane } = s;
  if (call === null) return { spans: [], markers: [{ kind: 'replayed', at: lane.startedAt }] };
  const here = call.run === lane.run;
  switch (call.kind) {
    case 'do': {
      const spans: SpanGeometry[] = [];
      for (const a of call.attempts) {
        if (a.run !== lane.run) continue;
        const lost = isLost(a, s);
        if (lost) spans.push({ kind: 'attempt-lost', from: a.startedAt, to: a.startedAt, attempt: a });
        else if (a.outcome === 'running')
          spans.push({ kind: 'attempt-running', from: a.startedAt, to: Math.max(a.startedAt, s.laneEnd), attempt: a });
        else {
          const kind = a.outcome === 'succeeded' ? 'attempt-succeeded' : 'attempt-failed';
          spans.push({ kind, from: a.startedAt, to: a.endedAt ?? a.startedAt, attempt: a });
        }
        if (!lost && a.outcome === 'failed' && a.retryAt !== null) {
          const from = a.endedAt ?? a.startedAt;
          const end = s.instanceEnd;
          if (end !== undefined && end < a.retryAt)
            spans.push({ kind: 'retry-delay', from, to: Math.max(from, end), attempt: a, cancelled: true });
          else spans.push({ kind: 'retry-delay', from, to: a.retryAt, attempt: a });
        }
      }
      return { spans, markers: [] };
    }
    case 'sleep':
      if (!here) return { spans: [], markers: [{ kind: 'sleep-finished', at: call.endedAt ?? lane.startedAt }] };
      return {
        spans: [
          {
            kind: 'sleep',
            from: call.startedAt,
            to: call.skipped && call.endedAt !== null ? call.endedAt : call.until,
          },
        ],
        markers: [],
      };
    case 'wait':
      if (!here) {
        const kind = call.status === 'timed-out' ? 'wait-timed-out' : 'event-received';
        return { spans: [], markers: [{ kind, at: call.endedAt ?? lane.startedAt }] };
      }
      return { spans: [{ kind: 'wait', from: call.startedAt, to: call.endedAt ?? call.timeoutAt }], markers: [] };
  }
}

/** The spans, markers and status of a call in a lane, with their words (cached; for rows on screen). */
export function callDetail(s: CallInLane): CallDetail {
  const hit = details.get(s);
  if (hit) return hit;
  const g = callGeometry(s);
  const detail: CallDetail = {
    status: statusOf(s),
    spans: g.spans.map((span) => ({ ...span, ...spanWords(span, s) })),
    markers: g.markers.map((m) => ({ ...m, label: markerLabel(m, s) })),
  };
  details.set(s, detail);
  return detail;
}

function spanWords(span: SpanGeometry, s: CallInLane): { label: string; text?: string } {
  const { call } = s;
  const a = span.attempt;
  switch (span.kind) {
    case 'attempt-lost':
      return { label: `attempt ${a?.attempt}: lost, the executor stopped` };
    case 'attempt-running':
      return { label: `attempt ${a?.attempt}: running` };
    case 'attempt-succeeded':
    case 'attempt-failed': {
      const took = formatDuration(span.to - span.from);
      const what =
        span.kind === 'attempt-succeeded'
          ? 'succeeded'
          : `failed: ${a?.error?.name ?? 'Error'}: ${a?.error?.message ?? ''}`;
      return { label: `attempt ${a?.attempt} (${took}) ${what}` };
    }
    case 'retry-delay': {
      const step = call as StepView;
      const delay = formatDuration(retryDelayMs(step.config, a?.attempt ?? 1));
      if (span.cancelled)
        return {
          label: `no retry: the instance ended at ${formatClock(span.to)}, before the retry due ${delay} after the failure`,
          text: 'no retry',
        };
      return {
        label: `retry in ${delay} (${step.config.retries.backoff} backoff), at ${formatClock(span.to)}`,
        text: `retry in ${delay}`,
      };
    }
    case 'sleep': {
      if (call?.kind !== 'sleep') return { label: 'sleep' };
      const skipped = call.skipped && call.endedAt !== null;
      return {
        label: `sleep ${formatDuration(call.durationMs)} until ${formatClock(call.until)}${skipped ? ', skipped' : ''}`,
        text: `${skipped ? 'skipped' : 'until'} ${formatClock(span.to).slice(0, 8)}`,
      };
    }
    case 'wait': {
      if (call?.kind !== 'wait') return { label: 'wait' };
      const open = call.endedAt === null;
      return {
        label: `wait for “${call.eventType}”, timeout ${formatClock(call.timeoutAt)}${open ? '' : `; ended ${formatClock(call.endedAt ?? 0)}`}`,
        text: open ? `timeout ${formatClock(call.timeoutAt).slice(0, 8)}` : `“${call.eventType}” ✓`,
      };
    }
  }
}

function markerLabel(m: MarkerGeometry, s: CallInLane): string {
  const name = s.call ? s.call.name : '';
  switch (m.kind) {
    case 'replayed':
      return 'result served from the journal: not executed again';
    case 'sleep-finished':
      return `${name}: ${s.call?.kind === 'sleep' && s.call.skipped ? 'skipped' : 'over'}`;
    case 'event-received':
      return `${name}: event received`;
    case 'wait-timed-out':
      return `${name}: timed out`;
    case 'event':
      return 'event';
  }
}

function statusOf(s: CallInLane): string {
  const { call, lane } = s;
  if (call === null) return 'served from the journal: not executed again';
  const here = call.run === lane.run;
  switch (call.kind) {
    case 'do': {
      const attempts = call.attempts.filter((a) => a.run === lane.run);
      const last = attempts.at(-1);
      if (!last) return call.status === 'failed' ? 'failed for good' : call.status;
      const which =
        attempts.length === 1 ? `attempt ${last.attempt}` : `attempts ${attempts[0]!.attempt}–${last.attempt}`;
      const outcome = isLost(last, s) ? 'lost' : last.outcome;
      const forGood = call.status === 'failed' && last === call.attempts.at(-1) ? ', failed for good' : '';
      return `${which}: ${outcome}${forGood}`;
    }
    case 'sleep':
      if (!here) return call.skipped ? 'sleep skipped' : 'sleep over';
      return `sleeps ${formatDuration(call.durationMs)}, until ${formatClock(call.until)}`;
    case 'wait':
      if (!here) return call.status === 'timed-out' ? 'timed out' : `“${call.eventType}” received`;
      return `waits for “${call.eventType}”, timeout ${formatClock(call.timeoutAt)}`;
  }
}

const eventMarkerCache = new WeakMap<SentEventView, Marker[]>();

/** The marker of an event sent to the instance (cached). */
export function eventMarkers(sent: SentEventView): Marker[] {
  const hit = eventMarkerCache.get(sent);
  if (hit) return hit;
  const to = sent.consumedBy ? `, taken by ${callLabel(sent.consumedBy)}` : sent.dropped ? ', dropped' : ', queued';
  const markers: Marker[] = [
    { kind: 'event', at: sent.timestamp, label: `event “${sent.type}” sent ${formatClock(sent.timestamp)}${to}` },
  ];
  eventMarkerCache.set(sent, markers);
  return markers;
}
