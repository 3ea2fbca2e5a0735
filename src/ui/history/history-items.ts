/**
 * The history pane's rows: one per run of `run()` (why it started, how it ended, the calls it executed and
 * how many it replayed from the journal) with the events sent to the instance placed between them by journal
 * order. Pure. (The full lanes and time-travel scrubber are issue 8.)
 */
import { type CallRef, type InstanceView, RUN_REASON_WORDS, type RunView, type SentEventView } from '../../engine';

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

/** Why a run started, in one word (lane headers): the engine's words, which the CLI's report uses too. */
export const REASON_WORD = RUN_REASON_WORDS;

/** What each run-start word of a lane header means, in one sentence (its tooltip, and the help). */
export const REASON_TIPS: Record<RunView['reason'], string> = {
  create: 'created: the instance was just created; this is the first time run() runs.',
  wake: 'woke: a sleep, retry delay or wait timeout the last run stopped at came due, so run() runs again from the top.',
  event: 'event: an event the last run was waiting for arrived, so run() runs again from the top.',
  resume: 'resumed: the paused instance was resumed, so run() runs again from the top.',
  restart: 'restarted: the instance was restarted; calls from the restart point on are forgotten and run again.',
  recover:
    'recovered: the executor stopped (a crash or a reload) while the instance was running; this run picked it up from its journal.',
  skip: 'skipped wait: you skipped the pending sleep, retry delay or wait timeout, so run() runs again from the top.',
};

/** What each run-end word of a lane header means, in one sentence (its tooltip, and the help). */
export const END_TIPS: Record<NonNullable<RunView['end']> | 'running', string> = {
  running: 'running: run() is executing now.',
  finished: 'finished: run() returned; what it returned is the instance’s output.',
  errored: 'errored: run() raised (or the engine ended it for good); the instance is errored.',
  evicted:
    'evicted: the run reached a sleep, wait or retry delay that was not over, so the studio ended it; a later run replays from the top.',
  paused: 'paused: the instance was paused; resuming it starts a new run.',
  terminated: 'terminated: the instance was stopped for good.',
  restarted: 'restarted: a restart ended this run and started a new one.',
  crashed: 'lost (crash): the executor stopped while this run was going, so its end was never journaled.',
};

/** What "↻ N from the journal" means (the replayed row and the lane's ↻ count). */
export const REPLAYED_TIP =
  '↻ from the journal: calls this run made that the journal had already finished; their recorded results were returned without running their code again (replay).';

/** What the graph's "↻ cached" chip means. */
export const CACHED_TIP =
  '↻ cached: the step’s result is in the journal, so later runs got it from there without running the step again (×n: by n runs).';

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
