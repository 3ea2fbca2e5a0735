/**
 * The history pane's rows: one per run of `run()` (why it started, how it ended, the calls it executed and
 * how many it replayed from the journal) with the events sent to the instance placed between them by journal
 * order. Pure. (The full lanes and time-travel scrubber are issue 8.)
 */
import type { CallRef, InstanceView, RunView, SentEventView } from '../../engine';

/** A row of the history. */
export type HistoryItem =
  | { type: 'run'; seq: number; run: RunView }
  | { type: 'event'; seq: number; event: SentEventView };

/** Runs and sent events in journal order. */
export function historyItems(view: InstanceView): HistoryItem[] {
  const items: HistoryItem[] = [
    ...view.runs.map((run) => ({ type: 'run' as const, seq: run.startSeq, run })),
    ...view.events.map((event) => ({ type: 'event' as const, seq: event.seq, event })),
  ];
  return items.sort((a, b) => a.seq - b.seq);
}

/** Why a run started, in words. */
export const REASONS: Record<RunView['reason'], string> = {
  create: 'created',
  wake: 'woke from a timer',
  event: 'an event arrived',
  resume: 'resumed',
  restart: 'restarted',
  recover: 'recovered after a crash',
  skip: 'wait skipped',
};

/** Why a run started, in one word (lane headers). */
export const REASON_WORD: Record<RunView['reason'], string> = {
  create: 'created',
  wake: 'woke',
  event: 'event',
  resume: 'resumed',
  restart: 'restarted',
  recover: 'recovered',
  skip: 'skipped wait',
};

/** How a run ended, in one or two words (lane headers). */
export function runEndWord(run: RunView): string {
  return run.end === null ? 'running' : run.end === 'crashed' ? 'lost (crash)' : run.end;
}

/** How a run ended, in words; null while it runs. */
export function runEnd(run: RunView): string {
  switch (run.end) {
    case null:
      return 'running';
    case 'finished':
      return 'finished: run() returned';
    case 'errored':
      return 'errored';
    case 'evicted':
      return 'evicted: waiting on a timer or event';
    case 'paused':
      return 'paused';
    case 'terminated':
      return 'terminated';
    case 'restarted':
      return 'ended by a restart';
    case 'crashed':
      return 'lost: the executor stopped';
  }
}

/** `name#count` for a call, `name` when the count is 1. */
export const callLabel = (c: Pick<CallRef, 'name' | 'count'>) => (c.count > 1 ? `${c.name} #${c.count}` : c.name);
