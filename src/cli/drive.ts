import { type Engine, FINITE_STATUSES, type InstanceView, type VirtualClock } from '../engine';

/** How the CLI moves an instance forward until it completes, errors, or waits for an event nobody sends. */
export interface DriveParams {
  engine: Engine;
  /** The virtual clock, or `undefined` with the real clock. */
  clock: VirtualClock | undefined;
  instanceId: string;
  /** Let the focal instance's wait timeouts pass instead of stopping at `waiting`. */
  expireWaits: boolean;
  view(): Promise<InstanceView>;
  /** A counter that grows whenever the host makes progress (see {@link createActivityCounter}). */
  activity(): number;
  /** Waits `n` host turns without counting as activity. */
  turns(n: number): Promise<void>;
  /** Called after each quiet point (the CLI flushes its journal file there). */
  onQuiet?(): Promise<void>;
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Counts `setImmediate` calls. Pyodide's event loop schedules every asyncio callback with `setImmediate` in
 * Node, and the engine defers with it too, so a counter that stops growing means Python and the engine are
 * both idle — e.g. a step awaits `asyncio.sleep` on the virtual clock, which only moves when we advance it.
 * Returns the getter and a function that restores the original `setImmediate`.
 */
export function createActivityCounter(): { activity(): number; turns(n: number): Promise<void>; dispose(): void } {
  const original = globalThis.setImmediate;
  const turn = () => new Promise<void>((resolve) => original(resolve));
  let count = 0;
  const counting = ((cb: (...args: unknown[]) => void, ...args: unknown[]) => {
    count += 1;
    return original(cb, ...args);
  }) as typeof setImmediate;
  globalThis.setImmediate = Object.assign(counting, original);
  return {
    activity: () => count,
    turns: async (n) => {
      for (let i = 0; i < n; i++) await turn();
    },
    dispose: () => {
      if (globalThis.setImmediate === counting) globalThis.setImmediate = original;
    },
  };
}

/**
 * Waits until the engine and Python are both idle. `engine.settle()` alone is not enough: it only sees the
 * engine's own work, and Python code between two engine calls (asyncio hops, each a `setImmediate`) looks
 * idle to it; so a quiet point also needs the activity counter to stand still for a few turns. With the
 * virtual clock, a step waiting on virtual time (`asyncio.sleep`) never settles, so nothing happening for a
 * few polls while a timer is pending also counts as quiet: the caller then advances the clock.
 */
async function quiet(p: DriveParams): Promise<void> {
  for (;;) {
    let settled = false;
    const settling = p.engine.settle().then(() => {
      settled = true;
    });
    let last = p.activity();
    let still = 0;
    while (!settled && p.clock !== undefined) {
      await Promise.race([settling, delay(4)]);
      if (settled) break;
      const now = p.activity();
      if (now !== last || p.clock.nextTimerAt() === undefined) {
        last = now;
        still = 0;
      } else if (++still >= 3) return;
    }
    await settling;
    const before = p.activity();
    await p.turns(IDLE_TURNS);
    if (p.activity() === before) return;
  }
}

/** Host turns without any `setImmediate` that make Python and the engine count as idle. */
const IDLE_TURNS = 4;

const isDone = (view: InstanceView) => FINITE_STATUSES.includes(view.status) || view.status === 'paused';

/** Drives the instance and returns its final view. */
export async function driveInstance(p: DriveParams): Promise<InstanceView> {
  for (;;) {
    await quiet(p);
    await p.onQuiet?.();
    const view = await p.view();
    if (isDone(view)) return view;
    const wake = p.engine.pendingWake(p.instanceId);
    const blockedOnWait = wake?.kind === 'wait-timeout' && !p.expireWaits;
    if (p.clock === undefined) {
      if (blockedOnWait) return view;
      const before = p.activity();
      while (p.activity() === before) await delay(20);
      continue;
    }
    const next = p.clock.nextTimerAt();
    if (next === undefined) return view;
    // Stop at an unanswered wait, unless something else (another instance, a step) is due before it.
    if (blockedOnWait && wake !== undefined && next >= wake.at) return view;
    p.clock.advanceTo(next);
  }
}
