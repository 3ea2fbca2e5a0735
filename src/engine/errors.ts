/**
 * Error taxonomy of the engine. Names match Cloudflare's engine so messages read the same after export:
 * `WorkflowError` (instance API misuse), `WorkflowFatalError` (SDK misuse inside a run, or an unrecoverable
 * step result), `WorkflowTimeoutError` (step attempt or wait timed out), `WorkflowInternalError` (the engine
 * lost an attempt, e.g. a crash mid-step), `NonRetryableError` (user code asking not to retry). Bugs in the
 * studio are `BugIndicatingError`; using a disposed engine is an `IllegalStateError`. Errors cross the journal
 * and thread boundaries as {@link SerializedError}.
 */

import { messages } from './messages';

/** An error as journaled and sent between threads: prototypes do not survive, so it is plain data. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** Python traceback text, when the error came from Python. */
  traceback?: string;
  /** The original error, when this one wraps it (e.g. the NonRetryableError behind a WorkflowFatalError). */
  cause?: SerializedError;
}

/** Instance API misuse (bad id, duplicate id, illegal transition). Messages may carry a `(code)` prefix. */
export class WorkflowError extends Error {
  override name = 'WorkflowError';
}

/** SDK misuse inside a run, or a step result the journal cannot hold; never retried. */
export class WorkflowFatalError extends Error {
  override name = 'WorkflowFatalError';
}

/** A step attempt or an event wait ran past its timeout. */
export class WorkflowTimeoutError extends Error {
  override name = 'WorkflowTimeoutError';
}

/** The engine lost track of an attempt (it was in flight when the engine died). */
export class WorkflowInternalError extends Error {
  override name = 'WorkflowInternalError';
}

/** Thrown by a step to fail it at once, without retries (TypeScript workflows; Python has its own class). */
export class NonRetryableError extends Error {
  override name = 'NonRetryableError';
}

/** A bug in Workflow Studio. Never thrown for bad user input. */
export class BugIndicatingError extends Error {
  override name = 'BugIndicatingError';
}

/** Operation illegal in the current state, e.g. using a disposed engine. */
export class IllegalStateError extends Error {
  override name = 'IllegalStateError';
}

/**
 * How a step that failed for good reaches `run()`: `name` and `message` are the original error's (so
 * `NonRetryableError`, `ValueError`, … keep their identity), `serialized` is what the journal holds.
 */
export class StepFailedError extends Error {
  readonly serialized: SerializedError;
  constructor(serialized: SerializedError) {
    super(serialized.message);
    this.name = serialized.name;
    this.serialized = serialized;
    if (serialized.stack !== undefined) this.stack = serialized.stack;
  }
}

/** Reads any thrown value structurally (`name`, `message`, `stack`, `traceback`) into plain data. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof StepFailedError) return error.serialized;
  if (typeof error === 'object' && error !== null) {
    const e = error as { name?: unknown; message?: unknown; stack?: unknown; traceback?: unknown };
    const out: SerializedError = {
      name: typeof e.name === 'string' && e.name !== '' ? e.name : 'Error',
      message: typeof e.message === 'string' ? e.message : String(e.message ?? ''),
    };
    if (typeof e.stack === 'string') out.stack = e.stack;
    if (typeof e.traceback === 'string') out.traceback = e.traceback;
    return out;
  }
  return { name: 'Error', message: String(error) };
}

/** True when a thrown value asks not to be retried (matched by name, as Cloudflare does). */
export function isNonRetryable(error: SerializedError): boolean {
  return error.name === 'NonRetryableError' || error.message.startsWith('NonRetryableError');
}

/** Exhaustiveness guard for discriminated unions: adding a variant is a compile error until it is handled. */
export function assertNever(value: never): never {
  throw new BugIndicatingError(`Unhandled variant: ${JSON.stringify(value)}`);
}

/** An uncaught NonRetryableError ends the instance with Cloudflare's fatal error, keeping the original as cause. */
export function runError(error: SerializedError): SerializedError {
  if (!isNonRetryable(error)) return error;
  return { name: 'WorkflowFatalError', message: messages.runTerminatedByNonRetryable(), cause: error };
}
