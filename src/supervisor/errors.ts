import type { SerializedError } from '../protocol';

/** The executor worker died (script failed to load, uncaught error, unreadable message); its requests are lost. */
export class WorkerCrashedError extends Error {
  override name = 'WorkerCrashedError';
}

/** Operation illegal in the current state, e.g. a request on a disposed supervisor: the engine's one class. */
export { IllegalStateError } from '../engine';

/** An error thrown in the worker, rehydrated on the main thread; `name` is the original error's. */
export class ExecutorError extends Error {
  constructor(serialized: SerializedError) {
    super(serialized.message);
    this.name = serialized.name;
    if (serialized.stack !== undefined) this.stack = serialized.stack;
  }
}
