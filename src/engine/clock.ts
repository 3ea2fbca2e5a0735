/** Something that holds a resource until disposed. `dispose()` is idempotent. */
export interface Disposable {
  dispose(): void;
}

/** The engine's only source of time: milliseconds since the epoch and one-shot timers. */
export interface Clock {
  now(): number;
  /** Calls `cb` once the clock reaches `at` (ms epoch). A time in the past fires on the next turn or advance. */
  setTimer(at: number, cb: () => void): Disposable;
}

/** A clock that moves only when told to: for tests, the CLI and the studio's "skip ahead". */
export interface VirtualClock extends Clock {
  /** Moves time to `ms` (never backwards), firing every timer due by then in `at` order. */
  advanceTo(ms: number): void;
  /** Moves time forward by `ms`. */
  advanceBy(ms: number): void;
  /** When the earliest pending timer is due, if any. */
  nextTimerAt(): number | undefined;
}

interface PendingTimer {
  at: number;
  order: number;
  cb: () => void;
  live: boolean;
}

/**
 * A virtual clock starting at `startMs`. Timers fire synchronously inside `advanceTo`/`advanceBy`, in `at`
 * order (ties in the order they were set), with `now()` equal to the timer's `at` while it fires.
 */
export function createVirtualClock(startMs: number): VirtualClock {
  let now = startMs;
  let order = 0;
  const timers: PendingTimer[] = [];
  const insert = (t: PendingTimer) => {
    let i = timers.length;
    while (i > 0 && compare(timers[i - 1] as PendingTimer, t) > 0) i--;
    timers.splice(i, 0, t);
  };
  const clock: VirtualClock = {
    now: () => now,
    setTimer(at, cb) {
      const timer: PendingTimer = { at, order: order++, cb, live: true };
      insert(timer);
      return {
        dispose() {
          if (!timer.live) return;
          timer.live = false;
          const i = timers.indexOf(timer);
          if (i >= 0) timers.splice(i, 1);
        },
      };
    },
    advanceTo(ms) {
      const target = Math.max(now, ms);
      for (let next = timers[0]; next !== undefined && next.at <= target; next = timers[0]) {
        timers.shift();
        next.live = false;
        now = Math.max(now, next.at);
        next.cb();
      }
      now = target;
    },
    advanceBy(ms) {
      clock.advanceTo(now + ms);
    },
    nextTimerAt: () => timers[0]?.at,
  };
  return clock;
}

function compare(a: PendingTimer, b: PendingTimer): number {
  return a.at - b.at || a.order - b.order;
}
