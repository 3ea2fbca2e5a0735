import type { CallView } from './instance-view';
import type { CallRef, JournalEventDraft } from './journal';
import { type ReplayLog, replayNotes } from './replay-notes';
import type { Run } from './run';

/** What a run's end adds: its divergence event, if any (returned), and its replay notes (kept in `log`). */
export function endOfRun(run: Run, recorded: readonly CallView[], evicted: boolean, log: ReplayLog) {
  log.notes.push(...replayNotes(run, recorded, log));
  return divergence(run, recorded, evicted);
}

/**
 * Recorded calls (journaled before this run started, not already orphaned) that this run did not re-issue:
 * a divergence, journaled once with every such call; they are orphaned from then on. A run that finished or
 * errored had its chance to make every call. An evicted run only skipped the calls recorded before the last
 * recorded call it did make: the ones after it were merely not reached yet, and the next run may make them.
 */
export function divergence(run: Run, recorded: readonly CallView[], evicted: boolean): JournalEventDraft[] {
  const end = Math.min(run.recordedAtStart, recorded.length);
  let reached = end;
  if (evicted) {
    reached = 0;
    for (let i = end - 1; i >= 0; i--) {
      const call = recorded[i];
      if (call && run.issued(call)) {
        reached = i + 1;
        break;
      }
    }
  }
  const missing: CallRef[] = [];
  let expectedAt = -1;
  for (let i = 0; i < reached; i++) {
    const call = recorded[i];
    if (call && !call.orphaned && !run.issued(call)) {
      if (expectedAt < 0) expectedAt = i;
      missing.push({ kind: call.kind, name: call.name, count: call.count });
    }
  }
  const [expected] = missing;
  if (!expected) return [];
  const got = madeInstead(run, recorded, end, expectedAt);
  return [{ type: 'divergence-detected', run: run.n, expected, got, missing }];
}

/**
 * What the run made in place of the recorded call at `expectedAt`: its first call (in issue order) that was new,
 * or recorded after that position. `null` when it made none (e.g. the code simply stopped calling).
 */
function madeInstead(run: Run, recorded: readonly CallView[], end: number, expectedAt: number): CallRef | null {
  const position = new Map<CallView | CallRef, number>();
  for (let i = 0; i < end; i++) position.set(recorded[i] as CallView, i);
  for (const call of run.issuedLog) {
    if ((position.get(call) ?? end) > expectedAt) return { kind: call.kind, name: call.name, count: call.count };
  }
  return null;
}
