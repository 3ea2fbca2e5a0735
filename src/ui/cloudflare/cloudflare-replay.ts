/**
 * "Replay against this code" for an instance imported from Cloudflare. The imported instance itself is never
 * run (it is read-only); its replay is a new studio instance, `<id>-replay`, holding Cloudflare's history
 * without the termination and without the end of its one run — as after a crash just before that end (the CLI's
 * `replay` does the same). The executor replays it with the open file's code on a virtual clock of its own (as
 * the CLI does: new retry delays and sleeps pass at once) and the replayed journal is kept as that instance,
 * linked to the file: run() ran again from the top against this code, every recorded step served from its recorded output, recorded sleeps and waits as they
 * ended, and where the code asks for other calls, the engine journals the divergence, which the history and
 * the graph show. The verdict is read from that journal. Pure.
 */
import { analyzeWorkflow, callSourceLine, workflowNameOf } from '../../analysis';
import { type CallRef, FINITE_STATUSES, type JournalEvent, reduceJournal } from '../../engine';
import type { CloudflareImportRecord } from '../../persistence';

/** One imported instance's outcome, as the summary table shows it (the CLI's words). */
export type ReplayVerdict =
  | { verdict: 'running'; replayId: string }
  | { verdict: 'clean' | 'diverged'; replayId: string; detail: string | null }
  | { verdict: 'stopped'; replayId: null; detail: string };

const RUN_ENDS: readonly JournalEvent['type'][] = ['run-finished', 'run-errored', 'run-evicted'];

/** The replay's journal, under `replayId`: Cloudflare's history without its termination and last run end. */
export function replayEvents(events: readonly JournalEvent[], replayId: string): JournalEvent[] {
  const kept = events.filter((e) => e.type !== 'terminated');
  const last = kept.at(-1);
  const body = last && RUN_ENDS.includes(last.type) ? kept.slice(0, -1) : kept;
  return body.map((e) => ({ ...e, instanceId: replayId }));
}

/**
 * The journal of a live local fork of an unfinished imported instance ("Continue here"), under `forkId`: the
 * replay's journal with every time moved by the same amount so that it ends at `now` — a sleep, retry delay or
 * wait timeout has as long left as when Cloudflare's history ended, instead of being long past.
 */
export function forkEvents(events: readonly JournalEvent[], forkId: string, now: number): JournalEvent[] {
  const body = replayEvents(events, forkId);
  const by = now - (body.at(-1)?.at ?? now);
  const shift = (t: number) => t + by;
  return body.map((e): JournalEvent => {
    const moved = { ...e, at: shift(e.at), wall: shift(e.wall) };
    switch (moved.type) {
      case 'run-evicted':
        return { ...moved, wakeAt: moved.wakeAt === null ? null : shift(moved.wakeAt) };
      case 'attempt-failed':
        return { ...moved, retryAt: moved.retryAt === null ? null : shift(moved.retryAt) };
      case 'sleep-started':
        return { ...moved, until: shift(moved.until) };
      case 'wait-started':
        return { ...moved, timeoutAt: shift(moved.timeoutAt) };
      case 'event-buffered':
        return { ...moved, timestamp: shift(moved.timestamp) };
      default:
        return moved;
    }
  });
}

/** Why imported instance `record` cannot be continued here, or null. */
export function continueProblem(record: Pick<CloudflareImportRecord, 'status' | 'stop'>): string | null {
  if (FINITE_STATUSES.includes(record.status)) {
    return `It is ${record.status} on Cloudflare: nothing is left to continue. Replay it against your code instead.`;
  }
  if (record.stop)
    return `Its history here stops early, so it cannot continue from Cloudflare's point: ${record.stop.message}.`;
  return null;
}

/** A replay cannot run past where the imported journal stops (a truncated output, an unknown step type). */
export function stoppedVerdict(record: Pick<CloudflareImportRecord, 'stop'>): ReplayVerdict | null {
  return record.stop ? { verdict: 'stopped', replayId: null, detail: record.stop.message } : null;
}

/** Why the open file cannot replay imported instance `id` (it does not define its workflow), or null. */
export function workflowProblem(
  file: { name: string; workflows: readonly { workflowName: string; className: string }[] },
  id: string,
  workflowName: string,
): string | null {
  if (file.workflows.some((w) => w.workflowName === workflowName)) return null;
  const has = file.workflows.map((w) => `${w.workflowName} (class ${w.className})`).join(', ') || 'none';
  return `${file.name} defines no workflow "${workflowName}" (the one ${id} ran): it defines ${has}. Open the file that defines it.`;
}

export const callText = (c: CallRef) => `${c.kind} "${c.name}" #${c.count}`;

/** The calls the recorded history completed (steps that succeeded or failed, finished sleeps, waits that ended). */
function completedCalls(events: readonly JournalEvent[]): Set<string> {
  const done = new Set<string>();
  for (const e of events) {
    if (e.type === 'step-succeeded' || e.type === 'step-failed') done.add(callText({ kind: 'do', ...e }));
    else if (e.type === 'sleep-finished') done.add(callText({ kind: 'sleep', ...e }));
    else if (e.type === 'event-received' || e.type === 'wait-timed-out') done.add(callText({ kind: 'wait', ...e }));
  }
  return done;
}

/** The code a replay ran: its file name and source (to name a divergent call's line, as the CLI does). */
export interface ReplayedFile {
  name: string;
  source: string;
}

function lineOf(file: ReplayedFile, workflowName: string, call: CallRef): number | null {
  const workflow = analyzeWorkflow(file.source).workflows.find((w) => workflowNameOf(w.className) === workflowName);
  return callSourceLine(workflow, call);
}

/**
 * The verdict of replay `replayId`, from its journal (`fromSeq`: the events it was imported with). Diverged as
 * soon as the engine journals a divergence (with its line in `file`). Clean once a run of the replay finished or errored without one, or
 * was evicted (to sleep or wait) after serving every call the history completed. A run evicted earlier — on a
 * virtual clock, only at a new wait for an event nobody sent — has not reached the calls after it: running.
 */
export function replayVerdict(
  replayId: string,
  events: readonly JournalEvent[],
  fromSeq: number,
  file?: ReplayedFile,
): ReplayVerdict {
  const after = events.slice(fromSeq);
  const view = reduceJournal(events);
  const first = view.divergences[0];
  if (first) {
    const got = first.got ? callText(first.got) : 'no further call';
    const line = first.got && file ? lineOf(file, view.workflowName, first.got) : null;
    const where = line === null ? '' : ` (${file?.name}:${line})`;
    return {
      verdict: 'diverged',
      replayId,
      detail: `step ${callText(first.expected)}: expected it, got ${got}${where}`,
    };
  }
  const clean = { verdict: 'clean' as const, replayId, detail: null };
  if (after.some((e) => e.type === 'run-finished' || e.type === 'run-errored' || e.type === 'terminated')) return clean;
  if (!after.some((e) => e.type === 'run-evicted' || e.type === 'paused')) return { verdict: 'running', replayId };
  const served = new Set(after.flatMap((e) => (e.type === 'calls-replayed' ? e.calls.map(callText) : [])));
  const missing = [...completedCalls(events.slice(0, fromSeq))].filter((c) => !served.has(c));
  return missing.length === 0 ? clean : { verdict: 'running', replayId };
}
