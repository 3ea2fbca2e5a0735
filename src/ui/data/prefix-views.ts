/**
 * Time travel's views: the instance as it was after event `seq`, derived with the engine's reducer on the
 * journal's prefix (`reduceJournal(events.slice(0, seq))`, docs/engine-api.md). Reducing 10 000 events takes a
 * few milliseconds; the views of recently visited positions are kept (least recently used out), so dragging
 * the scrubber back over the same stretch, or stepping back and forth with the arrow keys, reduces nothing
 * twice. The cache belongs to one journal: a journal that does not start with the same first event (another
 * instance, or one deleted and created again) empties it. Appends do not: a prefix never changes.
 */
import { type InstanceView, type JournalEvent, reduceJournal } from '../../engine';

/** Views of a journal's prefixes, cached. */
export interface PrefixViews {
  /** The view after the first `seq` events (`seq` clamped to 1..events.length). */
  viewAt(events: readonly JournalEvent[], seq: number): InstanceView;
  /** How many prefixes were reduced (for tests and the benchmark). */
  reductions(): number;
}

/** A cache of at most `capacity` prefix views. */
export function createPrefixViews(capacity = 64): PrefixViews {
  const cache = new Map<number, InstanceView>();
  let first: JournalEvent | undefined;
  let reductions = 0;
  return {
    viewAt(events, seq) {
      if (events[0] !== first) {
        cache.clear();
        first = events[0];
      }
      const k = Math.min(Math.max(1, Math.round(seq)), events.length);
      const hit = cache.get(k);
      if (hit) {
        cache.delete(k);
        cache.set(k, hit);
        return hit;
      }
      const view = reduceJournal(events.slice(0, k));
      reductions += 1;
      cache.set(k, view);
      if (cache.size > capacity) cache.delete(cache.keys().next().value as number);
      return view;
    },
    reductions: () => reductions,
  };
}
