import type { Clock } from './clock';

/** The host's timer functions, injected because the engine may not touch globals. */
export interface HostTimers {
  now(): number;
  setTimeout(cb: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Hosts clamp longer timeouts (2^31 − 1 ms ≈ 24.8 days); longer timers re-arm in chunks. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * A wall clock over injected host timers, e.g.
 * `createRealClock({ now: () => Date.now(), setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout })`.
 */
export function createRealClock(host: HostTimers): Clock {
  return {
    now: () => host.now(),
    setTimer(at, cb) {
      let handle: unknown;
      let live = true;
      const arm = () => {
        const delay = Math.max(0, at - host.now());
        handle = host.setTimeout(
          () => {
            if (!live) return;
            if (delay > MAX_TIMEOUT_MS) return arm();
            live = false;
            cb();
          },
          Math.min(delay, MAX_TIMEOUT_MS),
        );
      };
      arm();
      return {
        dispose() {
          if (!live) return;
          live = false;
          host.clearTimeout(handle);
        },
      };
    },
  };
}
