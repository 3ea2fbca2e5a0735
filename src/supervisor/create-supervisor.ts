/**
 * The main thread's owner of the executor worker: spawns it, boots Python, matches responses to requests,
 * and publishes `ExecutorState` for the UI.
 * Invariants: every pending request settles exactly once — with its response, or rejected when the worker
 * dies or the supervisor is disposed; a response for an unknown request id is a bug and throws.
 */
import {
  assertNever,
  type HostToWorker,
  type OutputOf,
  type WorkerEvent,
  type WorkerInput,
  type WorkerOutput,
  type WorkerToHost,
} from '../protocol';
import { ExecutorError, IllegalStateError, WorkerCrashedError } from './errors';
import type { ExecutorState, Unsubscribe, WorkerLike } from './types';

/** The supervisor's handle. `getState`/`subscribe` fit React's `useSyncExternalStore`. */
export interface Supervisor {
  getState(): ExecutorState;
  subscribe(listener: () => void): Unsubscribe;
  /** Sends one request; resolves with its typed output, rejects with `ExecutorError` or `WorkerCrashedError`. */
  request<T extends WorkerInput>(input: T): Promise<OutputOf[T['type']]>;
  onEvent(listener: (event: WorkerEvent) => void): Unsubscribe;
  /** Terminates the worker and rejects what is pending. Safe to call twice. */
  dispose(): void;
}

/** What the supervisor needs from its host; injected so tests use a fake worker and clock. */
export interface SupervisorDeps {
  spawn(): WorkerLike;
  /** Milliseconds, monotonic (`performance.now`). */
  now(): number;
  /** Absolute, same-origin URL of the Pyodide runtime files (ends with `/`). */
  pyodideIndexURL: string;
}

type Pending = { resolve(output: WorkerOutput): void; reject(error: Error): void };

/** Spawns the executor worker at once and starts booting Python in it. */
export function createSupervisor(deps: SupervisorDeps): Supervisor {
  const pending = new Map<number, Pending>();
  const stateListeners = new Set<() => void>();
  const eventListeners = new Set<(event: WorkerEvent) => void>();
  let nextRequestId = 1;
  let disposed = false;
  let state: ExecutorState = { status: 'starting', since: deps.now() };
  const worker = deps.spawn();

  function setState(next: ExecutorState): void {
    state = next;
    for (const l of [...stateListeners]) l();
  }

  function fail(error: Error): void {
    if (state.status !== 'failed') {
      setState({ status: 'failed', since: state.since, error: { name: error.name, message: error.message } });
    }
  }

  function rejectAll(error: Error): void {
    const all = [...pending.values()];
    pending.clear();
    for (const p of all) p.reject(error);
  }

  function onWorkerGone(cause: string): void {
    const error = new WorkerCrashedError(`The Python executor worker died: ${cause}`);
    worker.terminate();
    fail(error);
    rejectAll(error);
  }

  function onMessage(msg: WorkerToHost): void {
    switch (msg.type) {
      case 'response': {
        const p = pending.get(msg.requestId);
        if (!p) throw new IllegalStateError(`Response for unknown request ${msg.requestId}`);
        pending.delete(msg.requestId);
        if (msg.result.type === 'ok') p.resolve(msg.result.output);
        else p.reject(new ExecutorError(msg.result));
        return;
      }
      case 'event':
        if (msg.event.type === 'worker-fault') console.error('Executor fault:', msg.event.error);
        for (const l of [...eventListeners]) l(msg.event);
        return;
      default:
        assertNever(msg);
    }
  }

  worker.addEventListener('message', (e) => onMessage(e.data));
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    onWorkerGone(e.message || 'its script failed to load or threw outside a request');
  });
  worker.addEventListener('messageerror', () => onWorkerGone('it sent a message that could not be read'));

  const supervisor: Supervisor = {
    getState: () => state,
    subscribe(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    request<T extends WorkerInput>(input: T): Promise<OutputOf[T['type']]> {
      if (disposed) return Promise.reject(new IllegalStateError('The supervisor was disposed'));
      if (state.status === 'failed') return Promise.reject(new WorkerCrashedError(state.error.message));
      const requestId = nextRequestId++;
      return new Promise<OutputOf[T['type']]>((resolve, reject) => {
        pending.set(requestId, { resolve: resolve as (output: WorkerOutput) => void, reject });
        const message: HostToWorker = { type: 'request', requestId, input };
        try {
          worker.postMessage(message);
        } catch (error) {
          pending.delete(requestId);
          reject(error);
        }
      });
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      worker.terminate();
      rejectAll(new IllegalStateError('The supervisor was disposed'));
      stateListeners.clear();
      eventListeners.clear();
    },
  };

  supervisor.request({ type: 'boot-python', indexURL: deps.pyodideIndexURL }).then(
    (python) => setState({ status: 'ready', since: state.since, coldStartMs: deps.now() - state.since, python }),
    (error: Error) => fail(error),
  );
  return supervisor;
}
