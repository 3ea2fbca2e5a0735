/**
 * What a replay did that Cloudflare would do the same way but that changes behaviour, and the one changed
 * argument that is part of a call's key on Cloudflare. Cloudflare serves replayed calls by key, not by position
 * (workers-sdk `workflows-shared/src/context.ts`): a `step.do` by (name, count), a wait by (name, count) — its
 * event type and timeout are not in the key —, and a sleep by (name + duration, count), so a sleep whose
 * duration changed is another call there: the journaled one is skipped (a divergence here) and the new one
 * sleeps again. Notes are kept in memory per instance for the host to show; they are not journaled.
 */
import type { CallView } from './instance-view';
import { type CallRef, callKey } from './journal';

/** A journaled sleep or wait that a run served although the code now asks with other arguments. */
export interface ChangedArgument {
  call: CallRef;
  what: 'duration' | 'until' | 'eventType' | 'timeout';
  journaled: number | string;
  now: number | string;
}

/** One note about a run's replay. */
export interface ReplayNote {
  run: number;
  kind: 'reordered' | 'inserted' | 'changed-argument';
  call: CallRef;
  message: string;
}

/** What {@link replayNotes} reads of a run. */
export interface ReplayedRun {
  n: number;
  issuedLog: readonly (CallView | CallRef)[];
  changedArgs: readonly ChangedArgument[];
  recordedAtStart: number;
}

const text = (c: CallRef) => `${c.kind} "${c.name}"${c.count > 1 ? ` #${c.count}` : ''}`;
const ms = (v: number | string) => (typeof v === 'number' ? `${v} ms` : JSON.stringify(v));

const ARGUMENT_NOTE: Record<ChangedArgument['what'], (a: ChangedArgument) => string> = {
  duration: (a) =>
    `${text(a.call)} now sleeps ${ms(a.now)}; the journal holds ${ms(a.journaled)}. Cloudflare keys a sleep by its name and duration, so this is a new sleep there: the journaled one is skipped and the new one sleeps the whole ${ms(a.now)}.`,
  until: (a) =>
    `${text(a.call)} now sleeps until ${a.now}; the journal holds ${a.journaled}. The journaled sleep is served, so the new time has no effect on this instance.`,
  eventType: (a) =>
    `${text(a.call)} now waits for ${JSON.stringify(a.now)}; the journal holds ${JSON.stringify(a.journaled)}. Cloudflare keys a wait by name and count only, so the journaled event is served, as here.`,
  timeout: (a) =>
    `${text(a.call)} now has timeout ${ms(a.now)}; the journal holds ${ms(a.journaled)}. Cloudflare keys a wait by name and count only, so the journaled outcome stands, as here.`,
};

/** What an instance keeps of its replays: the notes so far, and the calls its last run made, in order. */
export interface ReplayLog {
  notes: ReplayNote[];
  lastIssued: CallRef[] | undefined;
}

/**
 * Notes for one run: journaled calls it made in another order than the run before it (or, for the first run
 * this engine sees, than the journal holds them), new calls it made before journaled ones (both served by key,
 * as on Cloudflare, but code between them now runs in another order), and changed arguments of journaled
 * sleeps and waits. The previous run's order is the reference because a call a later run made is journaled
 * after older ones, wherever the code makes it.
 */
export function replayNotes(run: ReplayedRun, recorded: readonly CallView[], log: ReplayLog): ReplayNote[] {
  const end = Math.min(run.recordedAtStart, recorded.length);
  const journaled = new Set(recorded.slice(0, end).map(callKey));
  const reference = log.lastIssued ?? recorded.slice(0, end);
  const position = new Map(reference.map((c, i) => [callKey(c), i]));
  const notes: ReplayNote[] = [];
  let latest: CallRef | undefined;
  let latestAt = -1;
  const newBefore: CallRef[] = [];
  for (const call of run.issuedLog) {
    const ref = { kind: call.kind, name: call.name, count: call.count };
    if (!journaled.has(callKey(ref))) {
      newBefore.push(ref);
      continue;
    }
    for (const added of newBefore.splice(0)) {
      notes.push({
        run: run.n,
        kind: 'inserted',
        call: added,
        message: `${text(added)} is new and ran before the journaled ${text(ref)}; journaled calls are served by key (on Cloudflare too), so it runs for real where it now stands.`,
      });
    }
    const at = position.get(callKey(ref));
    if (at === undefined) continue;
    if (at < latestAt && latest) {
      notes.push({
        run: run.n,
        kind: 'reordered',
        call: ref,
        message: `${text(ref)} was called after ${text(latest)}, but the journal holds it before; both are served by key (on Cloudflare too), so their results are the journaled ones while the code between them runs in the new order.`,
      });
    } else {
      latest = ref;
      latestAt = at;
    }
  }
  for (const a of run.changedArgs) {
    notes.push({ run: run.n, kind: 'changed-argument', call: a.call, message: ARGUMENT_NOTE[a.what](a) });
  }
  log.lastIssued = run.issuedLog.map((c) => ({ kind: c.kind, name: c.name, count: c.count }));
  return notes;
}
