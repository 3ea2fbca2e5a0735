import { useMemo, useSyncExternalStore } from 'react';
import type { InstanceView, JournalEvent } from '../../engine';
import { feedTiming } from './feed-timing';
import { createJournalFeed } from './journal-feed';
import { studioDb } from './studio-db';

/**
 * What the panes know about the selected instance's journal. `travel` is set when the view is the state after
 * an earlier event (time travel): `seq` of `lastSeq` events.
 */
export type InstanceViewState =
  | { status: 'none' }
  | { status: 'loading'; id: string }
  | { status: 'missing'; id: string }
  | {
      status: 'ready';
      view: InstanceView;
      events: readonly JournalEvent[];
      travel: { seq: number; lastSeq: number } | null;
    };

/** At most ten re-derivations a second while the executor appends to the journal. */
const JOURNAL_THROTTLE_MS = 100;

const noFeed = () => () => {};
const nothing = () => undefined;

/** The instance's view, derived with `reduceJournal` from its journal in IndexedDB, following new appends. */
export function useInstanceView(id: string | null): InstanceViewState {
  const feed = useMemo(
    () => (id === null ? null : createJournalFeed(studioDb, id, { ...feedTiming, throttleMs: JOURNAL_THROTTLE_MS })),
    [id],
  );
  const read = useSyncExternalStore(feed?.subscribe ?? noFeed, feed?.getSnapshot ?? nothing);
  return useMemo((): InstanceViewState => {
    if (id === null) return { status: 'none' };
    if (read === undefined) return { status: 'loading', id };
    if (read.status === 'missing') return { status: 'missing', id };
    return { status: 'ready', view: read.view, events: read.events, travel: null };
  }, [id, read]);
}
