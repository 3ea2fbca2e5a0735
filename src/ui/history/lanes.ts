/**
 * The history's rows, built from an instance view: one *lane* per run of `run()` (a header, then what that run
 * did), with the calls it served from the journal, the calls it executed — each step's attempts as spans,
 * retry delays labelled with their backoff, sleeps and waits with their end — its divergence, and the events
 * sent to the instance placed between lanes by journal order. Flat, so a virtual list can render any slice.
 * Pure; times are engine clock ms (the time axis places them).
 */
import {
  type CallRef,
  type CallView,
  callKey,
  type DivergenceView,
  type InstanceView,
  type RunView,
  retryDelayMs,
  type SentEventView,
  type StepView,
} from '../../engine';
import { formatClock, formatDuration } from '../format';
import { callLabel } from './history-items';
import type { AxisInput } from './time-axis';

/** What a span on a row's track is. */
export type SpanKind =
  | 'attempt-succeeded'
  | 'attempt-failed'
  | 'attempt-running'
  | 'attempt-lost'
  | 'retry-delay'
  | 'sleep'
  | 'wait';

/** A stretch of time on a row. */
export interface Span {
  kind: SpanKind;
  from: number;
  to: number;
  /** The whole story (tooltip). */
  label: string;
  /** A few words drawn on the track (retry delays, sleep and wait ends). */
  text?: string;
}

/** What a point marker on a row is. */
export type MarkerKind = 'replayed' | 'sleep-finished' | 'event-received' | 'wait-timed-out' | 'event' | 'divergence';

/** A moment on a row. */
export interface Marker {
  kind: MarkerKind;
  at: number;
  label: string;
}

/** One row of the history. */
export type HistoryRow =
  | { type: 'lane'; key: string; run: RunView; from: number; to: number; executed: number; replayed: number }
  | { type: 'replayed'; key: string; run: number; count: number; at: number; expanded: boolean; names: string }
  | {
      type: 'call';
      key: string;
      run: number;
      ref: CallRef;
      /** Served from the journal in this run (no span: nothing ran). */
      replayed: boolean;
      /** In this run: what happened to the call, in words. */
      status: string;
      spans: Span[];
      markers: Marker[];
      /** The code no longer issues it (a divergence). */
      orphaned: boolean;
    }
  | { type: 'divergence'; key: string; run: number; divergence: DivergenceView; at: number }
  | { type: 'event'; key: string; sent: SentEventView; markers: Marker[] };

/** Options of {@link buildHistoryRows}. */
export interface HistoryRowsOptions {
  /** Runs whose replayed calls are listed one per row (others show one summary row). */
  expanded?: ReadonlySet<number>;
  /** Lanes with at most this many replayed calls list them without being expanded. */
  autoExpand?: number;
}

/** The kind word of a call as the history shows it. */
export const KIND_WORD = { do: 'step', sleep: 'sleep', wait: 'wait' } as const;

/** Rows for `view`, lanes in run order with sent events between them. */
export function buildHistoryRows(view: InstanceView, options: HistoryRowsOptions = {}): HistoryRow[] {
  const autoExpand = options.autoExpand ?? 6;
  const byRun = callsByRun(view);
  const end = view.updatedAt;
  const rows: HistoryRow[] = [];
  const events = view.events;
  let e = 0;
  const runs = view.runs;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r] as RunView;
    for (; e < events.length && (events[e] as SentEventView).seq < run.startSeq; e++) rows.push(eventRow(events[e]!));
    const touched = byRun.get(run.run) ?? [];
    const next = runs[r + 1];
    // A run the executor lost has no end event: its lane ends with the last thing it did.
    const laneEnd = run.endedAt ?? (run.end === 'crashed' ? lastTouch(touched, run) : end);
    rows.push({
      type: 'lane',
      key: `lane:${run.run}`,
      run,
      from: run.startedAt,
      to: Math.max(laneEnd, run.startedAt),
      executed: touched.length,
      replayed: run.replayed.length,
    });
    if (run.replayed.length > 0) {
      const expanded = run.replayed.length <= autoExpand || options.expanded?.has(run.run) === true;
      rows.push({
        type: 'replayed',
        key: `replayed:${run.run}`,
        run: run.run,
        count: run.replayed.length,
        at: run.startedAt,
        expanded,
        names: run.replayed.slice(0, 3).map(callLabel).join(', '),
      });
      if (expanded) for (const ref of run.replayed) rows.push(replayedRow(run, ref));
    }
    for (const call of touched) rows.push(callRow(call, run, laneEnd));
    if (run.divergence) {
      rows.push({
        type: 'divergence',
        key: `divergence:${run.run}`,
        run: run.run,
        divergence: run.divergence,
        at: laneEnd,
      });
    }
    const before = next?.startSeq ?? Number.POSITIVE_INFINITY;
    for (; e < events.length && (events[e] as SentEventView).seq < before; e++) rows.push(eventRow(events[e]!));
  }
  for (; e < events.length; e++) rows.push(eventRow(events[e]!));
  return rows;
}

/** What the time axis must show for `rows`: every time they draw, and the attempts as busy (never compressed). */
export function axisInput(rows: readonly HistoryRow[]): AxisInput {
  const points: number[] = [];
  const busy: [number, number][] = [];
  for (const row of rows) {
    switch (row.type) {
      case 'lane':
        points.push(row.from, row.to);
        break;
      case 'replayed':
      case 'divergence':
        points.push(row.at);
        break;
      case 'call':
        for (const s of row.spans) {
          points.push(s.from, s.to);
          if (BUSY.has(s.kind)) busy.push([s.from, s.to]);
        }
        for (const m of row.markers) points.push(m.at);
        break;
      case 'event':
        for (const m of row.markers) points.push(m.at);
        break;
    }
  }
  return { points, busy };
}

const BUSY: ReadonlySet<SpanKind> = new Set(['attempt-succeeded', 'attempt-failed', 'attempt-running']);

/** For each run, the calls it journaled something for, in the order it touched them. */
function callsByRun(view: InstanceView): Map<number, CallView[]> {
  const byRun = new Map<number, { call: CallView; at: number }[]>();
  for (const call of view.calls) {
    for (const run of call.runs) {
      const list = byRun.get(run) ?? [];
      if (list.length === 0) byRun.set(run, list);
      list.push({ call, at: touchedAt(call, run) });
    }
  }
  const result = new Map<number, CallView[]>();
  for (const [run, list] of byRun) {
    list.sort((a, b) => a.at - b.at || a.call.startSeq - b.call.startSeq);
    result.set(
      run,
      list.map((x) => x.call),
    );
  }
  return result;
}

/** The latest start of something run `run` did (its lane's end when it has no end event). */
function lastTouch(calls: readonly CallView[], run: RunView): number {
  let last = run.startedAt;
  for (const c of calls) last = Math.max(last, touchedAt(c, run.run));
  return last;
}

function touchedAt(call: CallView, run: number): number {
  if (call.run === run) return call.startedAt;
  if (call.kind === 'do') return call.attempts.find((a) => a.run === run)?.startedAt ?? call.endedAt ?? call.startedAt;
  return call.endedAt ?? call.startedAt;
}

function replayedRow(run: RunView, ref: CallRef): HistoryRow {
  return {
    type: 'call',
    key: `call:${run.run}:replayed:${callKey(ref)}`,
    run: run.run,
    ref,
    replayed: true,
    status: 'served from the journal: not executed again',
    spans: [],
    markers: [{ kind: 'replayed', at: run.startedAt, label: `${callLabel(ref)}: result from the journal` }],
    orphaned: false,
  };
}

function eventRow(sent: SentEventView): HistoryRow {
  const to = sent.consumedBy ? `, taken by ${callLabel(sent.consumedBy)}` : sent.dropped ? ', dropped' : ', queued';
  return {
    type: 'event',
    key: `event:${sent.seq}`,
    sent,
    markers: [
      { kind: 'event', at: sent.timestamp, label: `event “${sent.type}” sent ${formatClock(sent.timestamp)}${to}` },
    ],
  };
}

function callRow(call: CallView, run: RunView, laneEnd: number): HistoryRow {
  const ref = { kind: call.kind, name: call.name, count: call.count };
  const base = {
    type: 'call' as const,
    key: `call:${run.run}:${call.generation}:${callKey(ref)}`,
    run: run.run,
    ref,
    replayed: false,
    orphaned: call.orphaned,
  };
  switch (call.kind) {
    case 'do':
      return { ...base, ...stepTrack(call, run, laneEnd) };
    case 'sleep': {
      if (call.run !== run.run) {
        const at = call.endedAt ?? run.startedAt;
        return {
          ...base,
          status: call.skipped ? 'sleep skipped' : 'sleep over',
          spans: [],
          markers: [{ kind: 'sleep-finished', at, label: `${call.name}: ${call.skipped ? 'skipped' : 'over'}` }],
        };
      }
      const end = call.skipped && call.endedAt !== null ? call.endedAt : call.until;
      return {
        ...base,
        status: `sleeps ${formatDuration(call.durationMs)}, until ${formatClock(call.until)}`,
        spans: [
          {
            kind: 'sleep',
            from: call.startedAt,
            to: end,
            label: `sleep ${formatDuration(call.durationMs)} → ${formatClock(call.until)}`,
            text: `${call.skipped ? 'skipped' : 'until'} ${formatClock(end).slice(0, 8)}`,
          },
        ],
        markers: [],
      };
    }
    case 'wait': {
      if (call.run !== run.run) {
        const at = call.endedAt ?? run.startedAt;
        const kind = call.status === 'timed-out' ? 'wait-timed-out' : 'event-received';
        const text = call.status === 'timed-out' ? 'timed out' : `“${call.eventType}” received`;
        return { ...base, status: text, spans: [], markers: [{ kind, at, label: `${call.name}: ${text}` }] };
      }
      const end = call.endedAt ?? call.timeoutAt;
      return {
        ...base,
        status: `waits for “${call.eventType}”, timeout ${formatClock(call.timeoutAt)}`,
        spans: [
          {
            kind: 'wait',
            from: call.startedAt,
            to: end,
            label: `wait for “${call.eventType}” → ${call.endedAt === null ? `timeout ${formatClock(call.timeoutAt)}` : formatClock(call.endedAt)}`,
            text:
              call.endedAt === null ? `timeout ${formatClock(call.timeoutAt).slice(0, 8)}` : `“${call.eventType}” ✓`,
          },
        ],
        markers: [],
      };
    }
  }
}

const LOST = 'WorkflowInternalError';

function stepTrack(
  call: StepView,
  run: RunView,
  laneEnd: number,
): { status: string; spans: Span[]; markers: Marker[] } {
  const spans: Span[] = [];
  const attempts = call.attempts.filter((a) => a.run === run.run);
  for (const a of attempts) {
    const lost = a.outcome === 'running' ? run.end !== null : a.error?.name === LOST;
    if (lost) {
      spans.push({
        kind: 'attempt-lost',
        from: a.startedAt,
        to: a.startedAt,
        label: `attempt ${a.attempt}: lost, the executor stopped`,
      });
    } else if (a.outcome === 'running') {
      spans.push({
        kind: 'attempt-running',
        from: a.startedAt,
        to: Math.max(a.startedAt, laneEnd),
        label: `attempt ${a.attempt}: running`,
      });
    } else {
      const took = formatDuration((a.endedAt ?? a.startedAt) - a.startedAt);
      const what =
        a.outcome === 'succeeded' ? 'succeeded' : `failed: ${a.error?.name ?? 'Error'}: ${a.error?.message ?? ''}`;
      spans.push({
        kind: a.outcome === 'succeeded' ? 'attempt-succeeded' : 'attempt-failed',
        from: a.startedAt,
        to: a.endedAt ?? a.startedAt,
        label: `attempt ${a.attempt} (${took}) ${what}`,
      });
    }
    if (!lost && a.outcome === 'failed' && a.retryAt !== null) {
      const delay = retryDelayMs(call.config, a.attempt);
      spans.push({
        kind: 'retry-delay',
        from: a.endedAt ?? a.startedAt,
        to: a.retryAt,
        label: `retry in ${formatDuration(delay)} (${call.config.retries.backoff} backoff)`,
        text: `retry in ${formatDuration(delay)}`,
      });
    }
  }
  const last = attempts.at(-1);
  const status =
    last === undefined
      ? call.status === 'failed'
        ? 'failed for good'
        : call.status
      : `${attempts.length === 1 ? `attempt ${last.attempt}` : `attempts ${attempts[0]!.attempt}–${last.attempt}`}: ${last.outcome}${call.status === 'failed' && last === call.attempts.at(-1) ? ', failed for good' : ''}`;
  return { status, spans, markers: [] };
}
