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

export const callText = (c: CallRef) => `${c.kind} "${c.name}" #${c.count}`;

/**
 * The verdict of replay `replayId`, from its journal (`fromSeq`: the events it was imported with): running
 * until the replay's first run ends (finished, errored, or evicted to sleep or wait), then clean, or diverged
 * with the first divergence in words.
 */
export function replayVerdict(replayId: string, events: readonly JournalEvent[], fromSeq: number): ReplayVerdict {
  const after = events.slice(fromSeq);
  const ended = after.some((e) => RUN_ENDS.includes(e.type) || e.type === 'paused' || e.type === 'terminated');
  const view = reduceJournal(events);
  const first = view.divergences[0];
  if (first) {
    const got = first.got ? callText(first.got) : 'no further call';
    return { verdict: 'diverged', replayId, detail: `step ${callText(first.expected)}: expected it, got ${got}` };
  }
  if (!ended) return { verdict: 'running', replayId };
  return { verdict: 'clean', replayId, detail: null };
}
