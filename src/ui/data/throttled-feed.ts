/**
 * A throttled live read of IndexedDB. Dexie's `liveQuery` re-runs its query on every write to the range it
 * watched; while the executor journals hundreds of steps a second, re-reading 10 000 instance rows (or a long
 * journal) on each write would keep the UI thread busy. So a cheap query is watched as the change signal, and
 * the expensive read runs at most once per `throttleMs` (always once more after the last change).
 * Framework-free: an external store for `useSyncExternalStore`; it watches only while it has listeners.
 */
import { liveQuery, type Subscription } from 'dexie';

/** What {@link createThrottledFeed} needs. */
export interface ThrottledFeedDeps<T> {
  /** A cheap query whose result changes whenever the data does (a count, the newest row…). */
  signal(): Promise<unknown>;
  /** The expensive read; gets the previous value to read incrementally. */
  read(previous: T | undefined): Promise<T>;
  throttleMs: number;
  now(): number;
  setTimer(cb: () => void, ms: number): () => void;
  /** Reports a failed read (the previous value stays on screen). */
  onError(error: unknown): void;
}

/** The latest value (undefined before the first read) as an external store. */
export interface ThrottledFeed<T> {
  getSnapshot(): T | undefined;
  subscribe(listener: () => void): () => void;
}

export function createThrottledFeed<T>(deps: ThrottledFeedDeps<T>): ThrottledFeed<T> {
  const listeners = new Set<() => void>();
  let value: T | undefined;
  let subscription: Subscription | null = null;
  let lastReadAt = Number.NEGATIVE_INFINITY;
  let reading = false;
  let dirty = false;
  let cancelTimer: (() => void) | null = null;

  const read = async () => {
    cancelTimer = null;
    if (reading) {
      dirty = true;
      return;
    }
    reading = true;
    dirty = false;
    lastReadAt = deps.now();
    try {
      value = await deps.read(value);
      for (const l of listeners) l();
    } catch (e) {
      deps.onError(e);
    } finally {
      reading = false;
      if (dirty && subscription) schedule();
    }
  };

  const schedule = () => {
    if (cancelTimer) return;
    const wait = lastReadAt + deps.throttleMs - deps.now();
    if (wait <= 0 && !reading) void read();
    else cancelTimer = deps.setTimer(() => void read(), Math.max(0, wait));
  };

  const start = () => {
    subscription = liveQuery(deps.signal).subscribe({ next: schedule, error: deps.onError });
  };
  const stop = () => {
    subscription?.unsubscribe();
    subscription = null;
    cancelTimer?.();
    cancelTimer = null;
  };

  return {
    getSnapshot: () => value,
    subscribe(listener) {
      listeners.add(listener);
      if (!subscription) start();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
  };
}
