import type { WorkerLike } from './types';

/** A worker spawned ahead of need; `take()` hands it over once, `dispose()` terminates it if nobody took it. */
export interface EarlyWorker {
  /** The worker, the first time (undefined after that, or after `dispose()`). */
  take(): WorkerLike | undefined;
  dispose(): void;
}

type EventType = 'message' | 'error' | 'messageerror';

/**
 * Spawns the executor worker before the tab knows whether it leads: the Web Lock's answer is a round trip to
 * the browser, and the worker can fetch and evaluate its script meanwhile. Before `boot-python` a worker only
 * reads (its head start, protocol `HeadStart`, which `spawn` may send), so a follower tab just disposes of it
 * unused (only the leader executes).
 *
 * What the worker sends before the supervisor listens (`worker-started`, or the error of a script that failed
 * to load) would be lost, so it is kept and delivered, in order and once the taker's synchronous wiring is
 * done (a microtask), to the first listener of its type.
 */
export function createEarlyWorker(
  spawn: () => WorkerLike,
  /** What a worker spawned before this (by the app shell) sent already, in order: delivered first. */
  backlog: ReadonlyArray<readonly [EventType, Event]> = [],
): EarlyWorker {
  let worker: WorkerLike | undefined = spawn();
  const early = worker;
  const kept: Record<EventType, Event[]> = { message: [], error: [], messageerror: [] };
  for (const [type, e] of backlog) kept[type].push(e);
  const listeners: Record<EventType, Array<(e: Event) => void>> = { message: [], error: [], messageerror: [] };
  for (const type of Object.keys(kept) as EventType[]) {
    early.addEventListener(type as 'message', (e) => {
      if (listeners[type].length === 0) kept[type].push(e);
      else for (const l of listeners[type]) l(e);
    });
  }
  const handed: WorkerLike = {
    postMessage: (message, transfer) => early.postMessage(message, transfer ?? []),
    terminate: () => early.terminate(),
    addEventListener(type: EventType, listener: (e: never) => void) {
      const l = listener as (e: Event) => void;
      listeners[type].push(l);
      const backlog = kept[type].splice(0);
      if (backlog.length > 0) {
        queueMicrotask(() => {
          for (const e of backlog) l(e);
        });
      }
    },
  };
  return {
    take() {
      const taken = worker;
      worker = undefined;
      return taken ? handed : undefined;
    },
    dispose() {
      worker?.terminate();
      worker = undefined;
    },
  };
}

/**
 * The next executor worker, spawned ahead of need once an executor is ready (when `enabled`), so a restart (a
 * Terminate that Python ignores, a crash) does not wait for a new worker to fetch and evaluate its script —
 * seconds on a loaded machine. A standby does nothing until it is sent `boot-python`.
 */
export function createStandby(spawn: () => WorkerLike, enabled: boolean) {
  let next: EarlyWorker | undefined;
  return {
    /** Spawns the standby worker if there is none. */
    prepare(): void {
      if (enabled) next ??= createEarlyWorker(spawn);
    },
    /** The standby worker (handed over once), else a new one. */
    take(): WorkerLike {
      const worker = next?.take();
      next = undefined;
      return worker ?? spawn();
    },
    dispose(): void {
      next?.dispose();
      next = undefined;
    },
  };
}
