/**
 * The executor's message loop, independent of the real worker global so it can be tested in Node.
 * Invariant: every request gets exactly one response, and anything thrown becomes a `SerializedError`
 * (the single catch in `onRequest`); nothing escapes as an uncaught exception.
 */
import {
  type BootPython,
  type Done,
  type HeadStart,
  type HostToWorker,
  type RequestHandlers,
  serializeError,
  type WorkerEvent,
  type WorkerInput,
  type WorkerOutput,
  type WorkerRequest,
  type WorkerToHost,
} from '../protocol';
import type { Executor } from './boot-executor';
import type { ExecutorCore } from './executor-core';

/** The part of `DedicatedWorkerGlobalScope` the executor uses. */
export interface WorkerScope {
  postMessage(message: WorkerToHost): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<HostToWorker | HeadStart>) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (e: PromiseRejectionEvent) => void): void;
}

/** What the executor needs from its host; injected so tests run without Pyodide. */
export interface ExecutorDeps {
  /**
   * Boots Python, the database and the engine (`boot-executor.ts`); `emit` posts an event to the host. It may
   * call `journalOpen` with the core as soon as the journal is open, before Python is ready; that resolves once
   * the journal work the boot announced (`BootPython.journalWork`) is done.
   */
  boot(
    input: BootPython,
    emit: (event: WorkerEvent) => void,
    journalOpen: (core: ExecutorCore) => Promise<void>,
  ): Promise<Executor>;
  /** Begins what a boot for `message.indexURL` does first, for the boot to claim (start-python.ts). Optional. */
  headStart?(message: HeadStart): void;
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
  /** The core while the journal is open and the boot still in flight (Python starting): journal work goes ahead. */
  let early: ExecutorCore | undefined;
  /** Where journal work announced with the boot waits for the journal to open (`BootPython.journalWork`). */
  let journalFirst: Promise<Pick<Executor, 'core'>> | undefined;
  /** The journal requests announced with the boot: how many, those received, and a call once all came. */
  let announced = { expected: 0, received: [] as Promise<unknown>[], allCame: () => {} };
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
    let opened: (core: ExecutorCore) => void = () => {};
    const open = new Promise<Pick<Executor, 'core'>>((resolve) => {
      opened = (core) => resolve({ core });
    });
    const allCame = new Promise<void>((resolve) => {
      announced = { expected: input.journalWork ?? 0, received: [], allCame: resolve };
    });
    if (announced.expected === 0) announced.allCame();
    const journalOpen = async (core: ExecutorCore) => {
      early = core;
      opened(core);
      await allCame;
      await Promise.allSettled(announced.received);
    };
    const executor = Promise.race([deps.boot(input, emit, journalOpen), faulted])
      .catch((error: unknown) => {
        throw bootError(error, input.indexURL);
      })
      .finally(() => {
        failBoot = undefined;
      });
    // Before any command awaits the boot: once it settles, every command goes through it again, in order.
    const settled = () => {
      early = undefined;
      journalFirst = undefined;
    };
    executor.then(settled, settled);
    // Announced journal work waits for the journal, not for Python (or fails with a boot that fails first).
    if (announced.expected > 0) journalFirst = Promise.race([open, executor]);
    return executor;
  }

  function emit(event: WorkerEvent): void {
    scope.postMessage({ type: 'event', event });
  }

  async function booted(): Promise<Executor> {
    if (!boot) throw new NotBootedError('Python is not started yet: the host must send boot-python first.');
    return boot;
  }

  /**
   * For journal work (stopped attempts, Terminate, Pause, Delete): the booted executor, or while Python starts
   * and the journal is open already, just its core. The same hops as `booted()` once booted, so commands reach
   * the core in the order they came (`handle`).
   */
  async function journalOpened(): Promise<Pick<Executor, 'core'>> {
    if (!boot) throw new NotBootedError('Python is not started yet: the host must send boot-python first.');
    return early ? { core: early } : (journalFirst ?? boot);
  }

  /** `fail-stopped-attempts` in flight: every later command waits for it (they may load those instances). */
  let stoppedJournaled: Promise<unknown> = Promise.resolve();

  /** One handler per request type, each typed with its own output (protocol `RequestHandlers`). */
  const handlers: RequestHandlers = {
    'fail-stopped-attempts': async ({ attempts, runs }) => {
      const journaled = journalOpened().then(({ core }) => core.failStoppedAttempts(attempts, runs));
      stoppedJournaled = journaled.catch(() => undefined);
      await journaled;
      return done;
    },
    'boot-python': async (input) => {
      boot ??= startBoot(input);
      const executor = await boot;
      if (!afterReadyStarted) {
        afterReadyStarted = true;
        later(() => void executor.afterReady());
      }
      return executor.ready;
    },
    ping: () => ({ type: 'pong' }),
    recover: async () => (await booted()).core.recover(),
    'load-source': async ({ fileId, version, name, source, mocks }) => ({
      type: 'source-loaded',
      result: await (await booted()).core.loadSource({ fileId, version, name, source, mocks }),
    }),
    'create-instance': async ({ fileId, workflowName, id, params }) => ({
      type: 'instances-created',
      ids: await (await booted()).core.create({ fileId, workflowName, id, params }),
    }),
    'create-batch': async ({ fileId, workflowName, items }) => ({
      type: 'instances-created',
      ids: await (await booted()).core.createBatch({ fileId, workflowName, items }),
    }),
    'pause-instance': async ({ id }) => {
      await (await journalOpened()).core.pause(id);
      return done;
    },
    'resume-instance': async ({ id }) => {
      await (await booted()).core.resume(id);
      return done;
    },
    'terminate-instance': async ({ id }) => {
      await (await journalOpened()).core.terminate(id);
      return done;
    },
    'restart-instance': async ({ id, from }) => {
      await (await booted()).core.restart(id, from);
      return done;
    },
    'send-event': async ({ id, event }) => {
      await (await booted()).core.sendEvent(id, event);
      return done;
    },
    'skip-wait': async ({ id }) => {
      await (await booted()).core.skipWait(id);
      return done;
    },
    'delete-instances': async ({ ids }) => {
      await (await journalOpened()).core.deleteInstances(ids);
      return done;
    },
    'env-call': async ({ fileId, binding, op, args }) => ({
      type: 'env-answer',
      result: await (await booted()).core.envCall(fileId, binding, op, args),
    }),
    'link-instance-file': async ({ id, fileId }) => {
      await (await booted()).core.linkInstanceFile(id, fileId);
      return done;
    },
    'replay-notes': async ({ id }) => ({ type: 'replay-notes', notes: (await booted()).core.replayNotes(id) }),
    'kill-at-next-step': async ({ at }) => {
      (await booted()).armKill(at);
      return done;
    },
    'disarm-kill': async () => {
      (await booted()).disarmKill();
      return done;
    },
    'replay-virtual': async ({ events, source, filename }) => ({
      type: 'replayed',
      events: await (await booted()).core.replayOnVirtualClock({ events, source, filename }),
    }),
    'run-tests': async ({ files }) => (await booted()).runTests(files),
    'import-journal': async ({ events, fileId }) => ({
      type: 'instances-created',
      ids: [await (await booted()).core.importJournal(events, fileId)],
    }),
  };

  /**
   * The handler of `input.type` (the table's type guarantees each handler gets its own request). Every handler
   * takes the same number of hops before it reaches the core, so commands reach it in the order they came
   * (the wait for stopped attempts is one hop for every command alike). Only while Python starts does journal
   * work (stopped attempts, Terminate, Pause, Delete: `journalOpened`) go ahead of what waits for Python; the
   * supervisor sends nothing else before `python-ready` but the commands a restart carried over.
   */
  async function handle(input: WorkerInput): Promise<WorkerOutput> {
    // Every command but these waits for `fail-stopped-attempts` in flight (it may load those instances).
    if (input.type !== 'fail-stopped-attempts' && input.type !== 'boot-python' && input.type !== 'ping') {
      await stoppedJournaled;
    }
    return (handlers[input.type] as (i: WorkerInput) => WorkerOutput | Promise<WorkerOutput>)(input);
  }

  const JOURNAL_WORK: ReadonlySet<WorkerInput['type']> = new Set([
    'fail-stopped-attempts',
    'terminate-instance',
    'pause-instance',
    'delete-instances',
  ]);

  function onRequest({ requestId, input }: WorkerRequest): void {
    const answered = handle(input);
    if (JOURNAL_WORK.has(input.type) && announced.received.length < announced.expected) {
      announced.received.push(answered);
      if (announced.received.length === announced.expected) announced.allCame();
    }
    answered.then(
      (output) => scope.postMessage({ type: 'response', requestId, result: { type: 'ok', output } }),
      (error: unknown) => scope.postMessage({ type: 'response', requestId, result: serializeError(error) }),
    );
  }

  scope.addEventListener('message', (e) => {
    const msg = e.data;
    if (msg?.type === 'request') return onRequest(msg);
    // Too late once a boot began (it started its own Python); a head start is never needed after that.
    if (msg?.type === 'head-start') return void (boot ? undefined : deps.headStart?.(msg));
    emit({ type: 'worker-fault', error: serializeError(new Error(`Unknown message: ${JSON.stringify(msg)}`)) });
  });
  scope.addEventListener('unhandledrejection', (e) => {
    emit({ type: 'worker-fault', error: serializeError(e.reason) });
    failBoot?.(e.reason);
  });
  emit({ type: 'worker-started' });
}
