/**
 * One instance's journal from IndexedDB, read incrementally (only events after the last one read) at most
 * every `throttleMs`, and reduced with the engine's `reduceJournal`. The instance's summary row is the change
 * signal: the executor writes it in the same transaction as every append.
 */
import Dexie from 'dexie';
import { type InstanceView, type JournalEvent, reduceJournal } from '../../engine';
import type { StudioDB } from '../../persistence';
import { createThrottledFeed, type ThrottledFeed, type ThrottledFeedDeps } from './throttled-feed';

/** What has been read of the journal: nothing (deleted or never written), or its events and view. */
export type JournalRead =
  | { status: 'missing' }
  | { status: 'ready'; createdAt: number; events: JournalEvent[]; view: InstanceView };

/** Dependencies besides the database and id. */
export type JournalFeedDeps = Omit<ThrottledFeedDeps<JournalRead>, 'signal' | 'read'>;

/** A throttled, incremental feed of the journal of instance `id`. */
export function createJournalFeed(db: StudioDB, id: string, deps: JournalFeedDeps): ThrottledFeed<JournalRead> {
  const range = (from: number) => db.journal.where('[instanceId+seq]').between([id, from], [id, Dexie.maxKey]);
  return createThrottledFeed<JournalRead>({
    ...deps,
    signal: () => db.instances.get(id),
    async read(previous) {
      const summary = await db.instances.get(id);
      if (!summary) return { status: 'missing' };
      const same = previous?.status === 'ready' && previous.createdAt === summary.createdAt;
      const known = same ? previous.events : [];
      const lastSeq = known.at(-1)?.seq ?? 0;
      if (same && lastSeq >= summary.lastSeq) return previous;
      const events = [...known, ...(await range(lastSeq + 1).toArray())];
      if (events.length === 0) return { status: 'missing' };
      return { status: 'ready', createdAt: summary.createdAt, events, view: reduceJournal(events) };
    },
  });
}
