/**
 * An instance's status over time: every change of the status `reduceJournal` derives, with the journal event
 * that caused it. One pass with the same reducer the engine uses, so the history never disagrees with the
 * status shown (including `waiting`, which follows from pending timers rather than from one event type).
 */
import type { InstanceStatus } from './instance-view';
import type { JournalEvent, JournalEventType, RunReason } from './journal';
import { Ledger } from './ledger';

/** The status after journal event `seq` (at clock time `at`), where it differs from the one before. */
export interface StatusChange {
  status: InstanceStatus;
  at: number;
  seq: number;
  /** The event's type, e.g. `run-started` or `resumed`. */
  cause: JournalEventType;
  /** The run going on after the event, if one is: its number and why it started. */
  run?: { run: number; reason: RunReason };
}

/** The status changes of a journal (or a prefix of one), oldest first; the first is `instance-created`'s. */
export function statusHistory(events: readonly JournalEvent[]): StatusChange[] {
  const ledger = new Ledger();
  const changes: StatusChange[] = [];
  let last: InstanceStatus | null = null;
  for (const e of events) {
    ledger.apply(e);
    const status = ledger.status();
    if (status === last) continue;
    last = status;
    const change: StatusChange = { status, at: e.at, seq: e.seq, cause: e.type };
    const active = ledger.activeRun;
    if (active) change.run = { run: active.run, reason: active.reason };
    changes.push(change);
  }
  return changes;
}
