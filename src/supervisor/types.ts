import type { HostToWorker, PythonReady, WorkerToHost } from '../protocol';

/** Removes the listener it was returned for. */
export type Unsubscribe = () => void;

/** What the UI shows about the executor. `since` is when the worker was spawned (ms, `now()` clock). */
export type ExecutorState =
  | { status: 'starting'; since: number }
  | { status: 'ready'; since: number; coldStartMs: number; python: PythonReady }
  | { status: 'failed'; since: number; error: { name: string; message: string } };

/** The part of `Worker` the supervisor uses, typed with our protocol. */
export interface WorkerLike {
  postMessage(message: HostToWorker): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<WorkerToHost>) => void): void;
  addEventListener(type: 'error', listener: (e: ErrorEvent) => void): void;
  addEventListener(type: 'messageerror', listener: (e: MessageEvent) => void): void;
  terminate(): void;
}
