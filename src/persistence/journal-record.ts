import type { InstanceMeta, InstanceSummary, JournalEvent } from '../engine';

/** One journal append: the events of a transition, the instance summary after them, and a new instance's file. */
export interface JournalRecord {
  instanceId: string;
  events: readonly JournalEvent[];
  summary: InstanceSummary;
  /** Only with `instance-created`: the source file the instance comes from (an `instanceFiles` row). */
  fileId?: string;
}

/**
 * How a batch of records is written. `'new'`: each event must not exist yet (a second writer of the same
 * sequence number fails the batch). `'replay'`: records read back from the write-ahead log after a crash,
 * some perhaps already stored — existing events are kept and a summary never replaces a newer one.
 */
export type WriteMode = 'new' | 'replay';

/** The record of one append; a new instance's carries its file, the `fileId` of its create's host data. */
export function recordOf(
  instanceId: string,
  events: readonly JournalEvent[],
  summary: InstanceSummary,
  meta: InstanceMeta | undefined,
): JournalRecord {
  const fileId = events.some((e) => e.type === 'instance-created') ? meta?.fileId : undefined;
  return fileId === undefined ? { instanceId, events, summary } : { instanceId, events, summary, fileId };
}
