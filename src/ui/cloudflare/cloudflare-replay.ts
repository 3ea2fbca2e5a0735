/**
 * "Replay against this code" for an instance imported from Cloudflare. The imported instance itself is never
 * run (it is read-only); its replay is a new studio instance, `<id>-replay`, holding Cloudflare's history
 * without the termination and without the end of its one run — as after a crash just before that end (the CLI's
 * `replay` does the same). Linked to the open file and loaded, the executor resumes it: run() runs again from the
 * top against this code, every recorded step served from its recorded output, recorded sleeps and waits as they
 * ended, and where the code asks for other calls, the engine journals the divergence, which the history and
 * the graph show. The verdict is read from that journal. Pure.
 */
import { type CallRef, type JournalEvent, reduceJournal } from '../../engine';
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

/**
 * The verdict of replay `replayId`, from its journal (`fromSeq`: the events it was imported with). Diverged as
 * soon as the engine journals a divergence. Clean once a run of the replay finished or errored without one, or
 * was evicted (to sleep or wait) after serving every call the history completed. A run evicted earlier — a new
 * step's retry delay, say — has not yet reached the calls after it: still running.
 */
export function replayVerdict(replayId: string, events: readonly JournalEvent[], fromSeq: number): ReplayVerdict {
  const after = events.slice(fromSeq);
  const first = reduceJournal(events).divergences[0];
  if (first) {
    const got = first.got ? callText(first.got) : 'no further call';
    return { verdict: 'diverged', replayId, detail: `step ${callText(first.expected)}: expected it, got ${got}` };
  }
  const clean = { verdict: 'clean' as const, replayId, detail: null };
  if (after.some((e) => e.type === 'run-finished' || e.type === 'run-errored' || e.type === 'terminated')) return clean;
  if (!after.some((e) => e.type === 'run-evicted' || e.type === 'paused')) return { verdict: 'running', replayId };
  const served = new Set(after.flatMap((e) => (e.type === 'calls-replayed' ? e.calls.map(callText) : [])));
  const missing = [...completedCalls(events.slice(0, fromSeq))].filter((c) => !served.has(c));
  return missing.length === 0 ? clean : { verdict: 'running', replayId };
}
