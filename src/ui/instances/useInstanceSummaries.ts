import { useSyncExternalStore } from 'react';
import type { InstanceSummary } from '../../engine';
import { feedTiming } from '../data/feed-timing';
import { studioDb } from '../data/studio-db';
import { createThrottledFeed, type ThrottledFeed } from '../data/throttled-feed';

/** At most four full reads of the instance table a second, however fast the executor writes. */
const INSTANCES_THROTTLE_MS = 250;

let feed: ThrottledFeed<InstanceSummary[]> | null = null;

/** The page's one feed of instance summaries (created on first use). */
function instancesFeed(): ThrottledFeed<InstanceSummary[]> {
  feed ??= createThrottledFeed({
    ...feedTiming,
    throttleMs: INSTANCES_THROTTLE_MS,
    // Every journal append rewrites its instance's row with a new updatedAt; a delete changes the count.
    signal: () => Promise.all([studioDb.instances.count(), studioDb.instances.orderBy('updatedAt').last()]),
    read: () => studioDb.instances.toArray(),
  });
  return feed;
}

/** Every instance's summary row, live from IndexedDB; undefined while the first read is in flight. */
export function useInstanceSummaries(): InstanceSummary[] | undefined {
  const f = instancesFeed();
  return useSyncExternalStore(f.subscribe, f.getSnapshot);
}
