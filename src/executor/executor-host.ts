/**
 * The executor's message loop, independent of the real worker global so it can be tested in Node.
 * Invariant: every request gets exactly one response, and anything thrown becomes a `SerializedError`
 * (the single catch in `onRequest`); nothing escapes as an uncaught exception.
 */
import {
  assertNever,
  type HostToWorker,
  serializeError,
  type WorkerEvent,
  type WorkerInput,
  type WorkerOutput,
  type WorkerRequest,
  type WorkerToHost,
} from '../protocol';
import type { BootedPython } from './boot-python';

/** The part of `DedicatedWorkerGlobalScope` the executor uses. */
export interface WorkerScope {
  postMessage(message: WorkerToHost): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<HostToWorker>) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (e: PromiseRejectionEvent) => void): void;
}

/** What the executor needs from its host; injected so tests run without Pyodide. */
export interface ExecutorDeps {
  bootPython(indexURL: string): Promise<BootedPython>;
}

/** Keeps the original error's name and says what was being loaded, so the status bar is actionable. */
function bootError(error: unknown, indexURL: string): Error {
  const cause = error instanceof Error ? error : new Error(String(error));
  const wrapped = new Error(`${cause.message} (loading the Python runtime from ${indexURL})`, { cause });
  wrapped.name = cause.name;
  return wrapped;
}

/** Installs the message loop on `scope` and announces `worker-started`. */
export function startExecutorHost(scope: WorkerScope, deps: ExecutorDeps): void {
  let boot: Promise<BootedPython> | undefined;
  let failBoot: ((reason: unknown) => void) | undefined;

  /**
   * Pyodide 314 never settles `loadPyodide()` when fetching or instantiating the wasm fails: the failure
   * only surfaces as an unhandled rejection (https://github.com/pyodide/pyodide/pull/6296). So while a
   * boot is in flight, any unhandled rejection in this worker fails the boot.
   */
  function startBoot(indexURL: string): Promise<BootedPython> {
    const faulted = new Promise<never>((_, reject) => {
      failBoot = reject;
    });
    return Promise.race([deps.bootPython(indexURL), faulted])
      .catch((error: unknown) => {
        throw bootError(error, indexURL);
      })
      .finally(() => {
        failBoot = undefined;
      });
  }

  const emit = (event: WorkerEvent) => scope.postMessage({ type: 'event', event });

  async function handle(input: WorkerInput): Promise<WorkerOutput> {
    switch (input.type) {
      case 'boot-python':
        boot ??= startBoot(input.indexURL);
        return (await boot).ready;
      case 'ping':
        return { type: 'pong' };
      default:
        return assertNever(input);
    }
  }

  function onRequest({ requestId, input }: WorkerRequest): void {
    handle(input).then(
      (output) => scope.postMessage({ type: 'response', requestId, result: { type: 'ok', output } }),
      (error: unknown) => scope.postMessage({ type: 'response', requestId, result: serializeError(error) }),
    );
  }

  scope.addEventListener('message', (e) => {
    const msg = e.data;
    if (msg?.type === 'request') return onRequest(msg);
    emit({ type: 'worker-fault', error: serializeError(new Error(`Unknown message: ${JSON.stringify(msg)}`)) });
  });
  scope.addEventListener('unhandledrejection', (e) => {
    emit({ type: 'worker-fault', error: serializeError(e.reason) });
    failBoot?.(e.reason);
  });
  emit({ type: 'worker-started' });
}
