/**
 * Helpers for hosts and tests that drive the engine on a {@link VirtualClock}: let the engine settle, then jump
 * the clock straight to the next timer, until nothing is left to do.
 */
import type { VirtualClock } from './clock';
import type { Engine } from './types';

/** Options of {@link runToIdle}. */
export interface RunToIdleOptions {
  /** Do not advance the clock beyond this time (ms epoch). */
  until?: number;
  /** Safety stop: the most timers to jump to (default 10 000). */
  maxAdvances?: number;
}

/**
 * Settles the engine, advances the virtual clock to the next pending timer, and repeats until no timer is
 * left (or the next one is after `until`). Resolves with the number of clock jumps made. Instances left
 * waiting for an event with a timeout still have a timer, so they run into their timeout: pass `until` to
 * stop earlier.
 */
export async function runToIdle(engine: Engine, clock: VirtualClock, options: RunToIdleOptions = {}): Promise<number> {
  const max = options.maxAdvances ?? 10_000;
  let advances = 0;
  for (;;) {
    await engine.settle();
    const next = clock.nextTimerAt();
    if (next === undefined || (options.until !== undefined && next > options.until)) break;
    if (advances >= max) throw new Error(`runToIdle: still busy after ${max} clock advances`);
    clock.advanceTo(next);
    advances += 1;
  }
  if (options.until !== undefined && clock.now() < options.until) {
    clock.advanceTo(options.until);
    await engine.settle();
  }
  return advances;
}

/** Settles, then advances the clock to the next timer only. Resolves `false` when there was none. */
export async function advanceToNextWake(engine: Engine, clock: VirtualClock): Promise<boolean> {
  await engine.settle();
  const next = clock.nextTimerAt();
  if (next === undefined) return false;
  clock.advanceTo(next);
  await engine.settle();
  return true;
}
