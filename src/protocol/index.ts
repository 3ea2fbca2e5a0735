/**
 * Typed messages between the main thread (supervisor) and the executor worker.
 *
 * Every layer is a discriminated union on `type` (kebab-case), so neither side ever sniffs fields:
 * - the envelope: `HostToWorker` (requests) and `WorkerToHost` (responses to requests, and unsolicited events);
 * - the payloads: `WorkerInput` (what a request asks), `WorkerOutput` (what a success answers), `WorkerEvent`.
 * Adding a variant is a compile error in every `switch` with `assertNever` until it is handled.
 * Everything here must survive `postMessage` (structured clone): plain data only, no classes, no PyProxy.
 */

/** An error flattened for `postMessage`; the receiver rehydrates it by `name` (prototypes don't survive). */
export interface SerializedError {
  type: 'error';
  name: string;
  message: string;
  stack?: string;
  /** The Python traceback, when the error came from Python. */
  pythonTraceback?: string;
}

// ── requests: host → worker ────────────────────────────────────────────────────────────────────────────

/** Load Pyodide from `indexURL` (same origin). Idempotent: a second request answers with the same boot. */
export interface BootPython {
  type: 'boot-python';
  indexURL: string;
}

/** Liveness check; the worker answers at once unless it is blocked (e.g. by Python in a tight loop). */
export interface Ping {
  type: 'ping';
}

/** Everything the host can ask of the worker. */
export type WorkerInput = BootPython | Ping;

/** The only message the host sends: a request with an id that its response echoes. */
export interface WorkerRequest {
  type: 'request';
  requestId: number;
  input: WorkerInput;
}

/** All host → worker messages. */
export type HostToWorker = WorkerRequest;

// ── responses and events: worker → host ────────────────────────────────────────────────────────────────

/** Answer to `boot-python`: the interpreter is ready. Times are milliseconds. */
export interface PythonReady {
  type: 'python-ready';
  pyodideVersion: string;
  pythonVersion: string;
  /** Time spent inside `loadPyodide()` in the worker. */
  loadMs: number;
}

/** Answer to `ping`. */
export interface Pong {
  type: 'pong';
}

/** Everything a successful request can answer. */
export type WorkerOutput = PythonReady | Pong;

/** Maps each request type to its success output, so the supervisor's `request()` is typed end to end. */
export interface OutputOf {
  'boot-python': PythonReady;
  ping: Pong;
}

/** The outcome of one request: ok with an output, or an error. */
export type WorkerResult = { type: 'ok'; output: WorkerOutput } | SerializedError;

/** The answer to the request with the same `requestId`. */
export interface WorkerResponse {
  type: 'response';
  requestId: number;
  result: WorkerResult;
}

/** The worker's module has loaded and its message handler is installed. */
export interface WorkerStarted {
  type: 'worker-started';
}

/** Something failed in the worker outside any request (an unhandled rejection, a bad message). */
export interface WorkerFault {
  type: 'worker-fault';
  error: SerializedError;
}

/** Unsolicited news from the worker. */
export type WorkerEvent = WorkerStarted | WorkerFault;

/** An unsolicited event from the worker. */
export interface WorkerEventMessage {
  type: 'event';
  event: WorkerEvent;
}

/** All worker → host messages. */
export type WorkerToHost = WorkerResponse | WorkerEventMessage;

// ── helpers shared by both sides ───────────────────────────────────────────────────────────────────────

/** Flattens anything thrown into a `SerializedError`. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const out: SerializedError = { type: 'error', name: error.name, message: error.message };
    if (error.stack !== undefined) out.stack = error.stack;
    return out;
  }
  return { type: 'error', name: 'Error', message: String(error) };
}

/** Marks a `switch` as exhaustive: adding a union variant makes the call site a compile error. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled variant: ${JSON.stringify(value)}`);
}
