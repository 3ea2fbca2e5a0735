/**
 * A throttled live read of IndexedDB. Dexie's `liveQuery` re-runs its query on every write to the range it
 * watched; while the executor journals hundreds of steps a second, re-reading 10 000 instance rows (or a long
 * journal) on each write would keep the UI thread busy. So a cheap query is watched as the change signal, and
 * the expensive read runs at most once per `throttleMs` (always once more after the last change); the signal
 * itself is not watched while a read is pending, so a busy executor costs the page two queries per window.
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
  let active = false;
  /** The signal's value the last read covers (JSON), or undefined before the first read. */
  let seen: string | undefined;
  let lastReadAt = Number.NEGATIVE_INFINITY;
  let cancelTimer: (() => void) | null = null;

  // The signal is watched only between reads: a change stops watching and schedules the read; the read then
  // watches again, and the fresh first answer says whether anything changed meanwhile. So however fast the
  // executor writes, the page queries IndexedDB about twice per `throttleMs`, not once per write — a read
  // transaction per write would make every journal write wait behind one of ours.
  const watch = () => {
    if (!active || subscription) return;
    subscription = liveQuery(deps.signal).subscribe({ next: onSignal, error: deps.onError });
  };
  const unwatch = () => {
    subscription?.unsubscribe();
    subscription = null;
  };

  const onSignal = (signal: unknown) => {
    const key = JSON.stringify(signal) ?? 'undefined';
    if (key === seen || cancelTimer) return;
    unwatch();
    const wait = lastReadAt + deps.throttleMs - deps.now();
    cancelTimer = deps.setTimer(() => void read(key), Math.max(0, wait));
  };

  const read = async (key: string) => {
    cancelTimer = null;
    if (!active) return;
    lastReadAt = deps.now();
    // A failed read is retried at the next change, not in a loop of error notices.
    seen = key;
    try {
      value = await deps.read(value);
      for (const l of listeners) l();
    } catch (e) {
      deps.onError(e);
    } finally {
      watch();
    }
  };

  const start = () => {
    active = true;
    watch();
  };
  const stop = () => {
    active = false;
    unwatch();
    cancelTimer?.();
    cancelTimer = null;
    // Watching again later must read again: changes made while nobody watched are unknown.
    seen = undefined;
  };

  return {
    getSnapshot: () => value,
    subscribe(listener) {
      listeners.add(listener);
      if (!active) start();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
  };
}
