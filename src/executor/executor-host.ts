/**
 * The executor's message loop, independent of the real worker global so it can be tested in Node.
 * Invariant: every request gets exactly one response, and anything thrown becomes a `SerializedError`
 * (the single catch in `onRequest`); nothing escapes as an uncaught exception.
 */
import {
  assertNever,
  type BootPython,
  type Done,
  type HostToWorker,
  serializeError,
  type WorkerEvent,
  type WorkerInput,
  type WorkerOutput,
  type WorkerRequest,
  type WorkerToHost,
} from '../protocol';
import type { Executor } from './boot-executor';

/** The part of `DedicatedWorkerGlobalScope` the executor uses. */
export interface WorkerScope {
  postMessage(message: WorkerToHost): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<HostToWorker>) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (e: PromiseRejectionEvent) => void): void;
}

/** What the executor needs from its host; injected so tests run without Pyodide. */
export interface ExecutorDeps {
  /** Boots Python, the database and the engine (`boot-executor.ts`); `emit` posts an event to the host. */
  boot(input: BootPython, emit: (event: WorkerEvent) => void): Promise<Executor>;
  /** Runs `cb` after the current task (the "ready" answer is posted first). Default `setTimeout(cb, 0)`. */
  later?(cb: () => void): void;
}

/** Thrown for a command that arrives before `boot-python`. */
export class NotBootedError extends Error {
  override name = 'NotBootedError';
}

const done: Done = { type: 'done' };

/** Keeps the original error's name and says what was being loaded, so the status bar is actionable. */
function bootError(error: unknown, indexURL: string): Error {
  const cause = error instanceof Error ? error : new Error(String(error));
  const wrapped = new Error(`${cause.message} (loading the Python runtime from ${indexURL})`, { cause });
  wrapped.name = cause.name;
  return wrapped;
}

/** Installs the message loop on `scope` and announces `worker-started`. */
export function startExecutorHost(scope: WorkerScope, deps: ExecutorDeps): void {
  let boot: Promise<Executor> | undefined;
  let afterReadyStarted = false;
  const later = deps.later ?? ((cb: () => void) => void setTimeout(cb, 0));
  let failBoot: ((reason: unknown) => void) | undefined;

  /**
   * Pyodide 314 never settles `loadPyodide()` when fetching or instantiating the wasm fails: the failure
   * only surfaces as an unhandled rejection (https://github.com/pyodide/pyodide/pull/6296). So while a
   * boot is in flight, any unhandled rejection in this worker fails the boot.
   */
  function startBoot(input: BootPython): Promise<Executor> {
    const faulted = new Promise<never>((_, reject) => {
      failBoot = reject;
    });
    return Promise.race([deps.boot(input, emit), faulted])
      .catch((error: unknown) => {
        throw bootError(error, input.indexURL);
      })
      .finally(() => {
        failBoot = undefined;
      });
  }

  function emit(event: WorkerEvent): void {
    scope.postMessage({ type: 'event', event });
  }

  async function booted(): Promise<Executor> {
    if (!boot) throw new NotBootedError('Python is not started yet: the host must send boot-python first.');
    return boot;
  }

  /** `fail-stopped-attempts` in flight: every later command waits for it (they may load those instances). */
  let stoppedJournaled: Promise<unknown> = Promise.resolve();

  async function handle(input: WorkerInput): Promise<WorkerOutput> {
    if (input.type === 'fail-stopped-attempts') {
      const journaled = booted().then((executor) => executor.core.failStoppedAttempts(input.attempts));
      stoppedJournaled = journaled.catch(() => undefined);
      await journaled;
      return done;
    }
    if (input.type !== 'boot-python' && input.type !== 'ping') await stoppedJournaled;
    switch (input.type) {
      case 'boot-python': {
        boot ??= startBoot(input);
        const executor = await boot;
        if (!afterReadyStarted) {
          afterReadyStarted = true;
          later(() => void executor.afterReady());
        }
        return executor.ready;
      }
      case 'ping':
        return { type: 'pong' };
      case 'recover':
        return (await booted()).core.recover();
      case 'load-source': {
        const { fileId, version, name, source } = input;
        return {
          type: 'source-loaded',
          result: await (await booted()).core.loadSource({ fileId, version, name, source }),
        };
      }
      case 'create-instance': {
        const { fileId, workflowName, id, params } = input;
        return {
          type: 'instances-created',
          ids: await (await booted()).core.create({ fileId, workflowName, id, params }),
        };
      }
      case 'create-batch': {
        const { fileId, workflowName, items } = input;
        return {
          type: 'instances-created',
          ids: await (await booted()).core.createBatch({ fileId, workflowName, items }),
        };
      }
      case 'pause-instance':
        await (await booted()).core.pause(input.id);
        return done;
      case 'resume-instance':
        await (await booted()).core.resume(input.id);
        return done;
      case 'terminate-instance':
        await (await booted()).core.terminate(input.id);
        return done;
      case 'restart-instance':
        await (await booted()).core.restart(input.id, input.from);
        return done;
      case 'send-event':
        await (await booted()).core.sendEvent(input.id, input.event);
        return done;
      case 'skip-wait':
        await (await booted()).core.skipWait(input.id);
        return done;
      case 'delete-instances':
        await (await booted()).core.deleteInstances(input.ids);
        return done;
      case 'link-instance-file':
        await (await booted()).core.linkInstanceFile(input.id, input.fileId);
        return done;
      case 'kill-at-next-step':
        (await booted()).armKill();
        return done;
      case 'disarm-kill':
        (await booted()).disarmKill();
        return done;
      case 'import-journal':
        return {
          type: 'instances-created',
          ids: [await (await booted()).core.importJournal(input.events, input.fileId)],
        };
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
