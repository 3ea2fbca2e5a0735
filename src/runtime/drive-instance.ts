/** How a host (the CLI, the executor's replays) moves an instance forward: on a virtual clock, or the real one. */
import { type Engine, FINITE_STATUSES, type InstanceView, type VirtualClock } from '../engine';
import type { PythonRuntime } from './python-runtime';

/** How to move an instance forward until it completes, errors, or waits for an event nobody sends. */
export interface DriveParams {
  engine: Engine;
  runtime: Pick<PythonRuntime, 'activity'>;
  /** The virtual clock, or `undefined` with the real clock. */
  clock: VirtualClock | undefined;
  instanceId: string;
  /** Let the focal instance's wait timeouts pass instead of stopping at `waiting`. */
  expireWaits: boolean;
  view(): Promise<InstanceView>;
  /** Called at each idle point (the CLI flushes its journal file there). */
  onIdle?(): Promise<void>;
  /** Workflow code's requests in flight (`NodePython.gate.pending`): virtual time waits for their answers. */
  pendingRequests?(): number;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const isDone = (view: InstanceView) => FINITE_STATUSES.includes(view.status) || view.status === 'paused';

/**
 * Drives the instance and returns its final view. Virtual clock: at each idle point jump to the next timer
 * (a sleep's end, a retry delay, a timeout, an `asyncio.sleep`), unless the instance waits for an event that
 * nothing before its timeout will send. Real clock: wait for timers to fire by themselves.
 */
export async function driveInstance(p: DriveParams): Promise<InstanceView> {
  for (;;) {
    await p.engine.settle(); // engine and Python idle: the engine watches runtime.activity() (hostActivity)
    await p.onIdle?.();
    const view = await p.view();
    if (isDone(view)) return view;
    const wake = p.engine.pendingWake(p.instanceId);
    const blockedOnWait = wake?.kind === 'wait-timeout' && !p.expireWaits;
    if (p.clock === undefined) {
      if (blockedOnWait) return view;
      const before = p.runtime.activity();
      const seq = view.lastSeq;
      while (p.runtime.activity() === before && (await p.view()).lastSeq === seq) await delay(20);
      continue;
    }
    if ((p.pendingRequests?.() ?? 0) > 0) {
      // Python awaits the network, which the engine cannot see: jumping to the next timer now would time the
      // step out (or end a sleep) before the answer comes.
      await delay(5);
      continue;
    }
    const next = p.clock.nextTimerAt();
    if (next === undefined) return view;
    // Stop at an unanswered wait, unless something else (another instance, a step) is due before it.
    if (blockedOnWait && wake !== undefined && next >= wake.at) return view;
    p.clock.advanceTo(next);
  }
}
