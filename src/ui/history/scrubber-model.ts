/**
 * The time-travel scrubber over journal sequence numbers: where it stands, what it says, and the store's
 * travel state for a new position. The last position is "live" (following new events). Pure.
 */
import type { JournalEvent } from '../../engine';
import type { TimeTravel } from '../../store';
import { formatClock } from '../format';
import { describeEvent } from './event-text';

/** What the scrubber shows. */
export interface ScrubberModel {
  /** The slider's value: the seq shown (lastSeq when live). */
  value: number;
  lastSeq: number;
  live: boolean;
  /** "live · 40 events" or "viewing seq 12 of 40". */
  position: string;
  /** The event at `value`, in words, with its clock time. */
  event: string;
}

/** The scrubber for a journal of `events` with the store's travel seq (null = live). */
export function scrubberModel(events: readonly JournalEvent[], travelSeq: number | null): ScrubberModel {
  const lastSeq = events.length;
  const live = travelSeq === null || travelSeq >= lastSeq;
  const value = live ? lastSeq : Math.max(1, travelSeq);
  const e = events[value - 1];
  return {
    value,
    lastSeq,
    live,
    position: live ? `live · ${lastSeq} event${lastSeq === 1 ? '' : 's'}` : `viewing seq ${value} of ${lastSeq}`,
    event: e ? `${describeEvent(e)} · ${formatClock(e.at)}` : '',
  };
}

/** The travel state for moving the scrubber of instance `instanceId` to `value` (the end is live). */
export function travelFor(instanceId: string, value: number, lastSeq: number): TimeTravel | null {
  return value >= lastSeq ? null : { instanceId, seq: Math.max(1, Math.round(value)) };
}
