/**
 * The history's rows, built from an instance view: one *lane* per run of `run()` (a header, then what that run
 * did), with the calls it served from the journal, the calls it executed, its divergence, and the events sent
 * to the instance placed between lanes by journal order, and what `run()` printed outside steps — one row per
 * line, in the lane of the run that printed it, between the calls it came between. Flat, so a virtual list can
 * render any slice.
 *
 * Building the rows only decides which rows exist (cheap: it runs for every scrubber position of a 10 000-event
 * journal); what a call row draws — spans, markers and their words — is derived on demand by `call-detail.ts`,
 * for the rows on screen. Pure; times are engine clock ms (the time axis places them).
 */
import type {
  CallRef,
  CallView,
  DivergenceView,
  InstanceView,
  RunOutputView,
  RunView,
  SentEventView,
} from '../../engine';
import { callKey, FINITE_STATUSES } from '../../engine';
import { callGeometry, isBusy } from './call-detail';
import { callLabel } from './history-items';
import type { AxisInput } from './time-axis';

/** A call as one lane shows it: executed (`call`), or served from the journal (`call: null`). */
export interface CallInLane {
  call: CallView | null;
  lane: RunView;
  /** When the lane ends (for an attempt still running in it). */
  laneEnd: number;
  /** When the instance ended (complete, errored, terminated): a retry due later never came. */
  instanceEnd?: number;
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
      /** Served from the journal in this run (nothing ran). */
      replayed: boolean;
      /** The code no longer issues it (a divergence). */
      orphaned: boolean;
      source: CallInLane;
    }
  | { type: 'divergence'; key: string; run: number; divergence: DivergenceView; at: number }
  /** One line `run()` printed outside steps; `first` = the first line of what one journal event holds. */
  | { type: 'output'; key: string; run: number; text: string; at: number; first: boolean }
  | { type: 'event'; key: string; sent: SentEventView };

/** A call row. */
export type CallRow = Extract<HistoryRow, { type: 'call' }>;

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
  const rows: HistoryRow[] = [];
  const { events, runs } = view;
  const ended = FINITE_STATUSES.includes(view.status) ? { instanceEnd: view.updatedAt } : {};
  let e = 0;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    for (; e < events.length && events[e]!.seq < run.startSeq; e++) rows.push(eventRow(events[e]!));
    const touched = byRun.get(run.run) ?? [];
    // A run the executor lost has no end event: its lane ends with the last thing it did.
    const laneEnd = Math.max(
      run.startedAt,
      run.endedAt ?? (run.end === 'crashed' ? lastTouch(touched, run) : view.updatedAt),
    );
    rows.push({
      type: 'lane',
      key: `lane:${run.run}`,
      run,
      from: run.startedAt,
      to: laneEnd,
      executed: touched.length,
      replayed: run.replayed.length,
    });
    // What the run printed goes where it was printed: after `afterReplayed` replays and `afterExecuted` calls.
    let o = 0;
    const printedUpTo = (replayed: number, executed: number) => {
      for (; o < run.output.length; o++) {
        const out = run.output[o]!;
        if (out.afterReplayed > replayed || out.afterExecuted > executed) return;
        pushOutputRows(rows, run.run, out);
      }
    };
    printedUpTo(0, 0);
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
      if (expanded) {
        for (const [i, ref] of run.replayed.entries()) {
          printedUpTo(i, 0);
          rows.push({
            type: 'call',
            key: `call:${run.run}:replayed:${callKey(ref)}`,
            run: run.run,
            ref,
            replayed: true,
            orphaned: false,
            source: { call: null, lane: run, laneEnd, ...ended },
          });
        }
      }
    }
    for (const [k, call] of touched.entries()) {
      printedUpTo(run.replayed.length, k);
      const ref = { kind: call.kind, name: call.name, count: call.count };
      rows.push({
        type: 'call',
        key: `call:${run.run}:${call.generation}:${callKey(ref)}`,
        run: run.run,
        ref,
        replayed: false,
        orphaned: call.orphaned,
        source: { call, lane: run, laneEnd, ...ended },
      });
    }
    printedUpTo(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
    if (run.divergence) {
      rows.push({
        type: 'divergence',
        key: `divergence:${run.run}`,
        run: run.run,
        divergence: run.divergence,
        at: laneEnd,
      });
    }
    const before = runs[r + 1]?.startSeq ?? Number.POSITIVE_INFINITY;
    for (; e < events.length && events[e]!.seq < before; e++) rows.push(eventRow(events[e]!));
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
      case 'output':
        break;
      case 'event':
        points.push(row.sent.timestamp);
        break;
      case 'call': {
        const g = callGeometry(row.source);
        for (const s of g.spans) {
          points.push(s.from, s.to);
          if (isBusy(s.kind)) busy.push([s.from, s.to]);
        }
        for (const m of g.markers) points.push(m.at);
        break;
      }
    }
  }
  return { points, busy };
}

/** For each run, the calls it journaled something for, in the order it touched them. */
function callsByRun(view: InstanceView): Map<number, CallView[]> {
  const byRun = new Map<number, { call: CallView; at: number }[]>();
  for (const call of view.calls) {
    for (const run of call.runs) {
      let list = byRun.get(run);
      if (!list) {
        list = [];
        byRun.set(run, list);
      }
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

/** Output rows of one `run-output` event: a row per line (a final newline ends the last line, adds none). */
function pushOutputRows(rows: HistoryRow[], run: number, out: RunOutputView): void {
  const lines = out.text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  for (const [i, text] of lines.entries()) {
    rows.push({ type: 'output', key: `output:${out.seq}:${i}`, run, text, at: out.at, first: i === 0 });
  }
}

function eventRow(sent: SentEventView): HistoryRow {
  return { type: 'event', key: `event:${sent.seq}`, sent };
}
