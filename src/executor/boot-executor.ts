/**
 * Composition of one executor: the database, Python (warm or cold), the interrupt buffer, the step guard
 * and the core with its engine on the real clock. Used by `executor-worker.ts`, and by Node tests with real Pyodide.
 */
import { createRealClock, IllegalStateError } from '../engine';
import { connectMirror, createWalLog, StorageFullError, type SyncFile } from '../persistence';
import {
  type BootProgress,
  type BootPython,
  type KillPoint,
  type PythonReady,
  type RunTests,
  type StoppedAttempt,
  serializeError,
  type TestsRan,
  type WorkerEvent,
} from '../protocol';
import type { BootedPython } from './boot-python';
import { createExecutorCore, type ExecutorCore, type ExecutorCoreDeps } from './executor-core';
import { createStudioTests } from './run-tests';
import { type PythonHeadStart, type StartPythonDeps, startPython } from './start-python';
import { createStepGuard } from './step-guard';

/** A booted executor. */
export interface Executor {
  ready: PythonReady;
  core: ExecutorCore;
  /** Work that must not delay "ready": storing the snapshot a cold start made. */
  afterReady(): Promise<void>;
  /** Crash injection (step-guard.ts): kill this executor at the next attempt, at `at` (default before it). */
  armKill(at?: KillPoint): void;
  disarmKill(): void;
  /** The Tests panel's run (run-tests.ts). */
  runTests(files: RunTests['files']): Promise<TestsRan>;
}

/** The host services an executor needs (a start's, start-python.ts, and these). */
export interface BootExecutorDeps extends StartPythonDeps {
  emit(event: WorkerEvent): void;
  /** Stop this worker at once (crash injection, fired at `at`; `cut`: the attempt it cut off, step-guard.ts). */
  kill(at: KillPoint, cut?: StoppedAttempt): void;
  /** A macrotask that is not clamped (MessageChannel), for the engine's eviction checks. */
  defer(cb: () => void): void;
  /** The worker's head start (start-python.ts), when it began one that this boot can use. */
  claimHeadStart?: PythonHeadStart['claim'];
  /**
   * Opens the file of the journal's write-ahead log (OPFS in the worker); `undefined` (or no function) means
   * none, and the journal goes to IndexedDB directly.
   */
  openJournalLog?(fileName: string): Promise<SyncFile | undefined>;
  /** sql.js for the files' D1 bindings (optional: without it no file gets KV, D1 or R2 bindings). */
  sql?: ExecutorCoreDeps['sql'];
}

/**
 * Whether every append of the log is flushed (fsync). Not: an append is in the operating system's cache once
 * `write` returns, so it survives a crash of the tab, the worker or the browser — the durability of the
 * IndexedDB "relaxed" transactions the journal used before — but not of the machine. Flushing would add that,
 * at about a sixth of the throughput (912 vs 1,091 steps/s side by side, bench "browser steps").
 */
const FLUSH_EVERY_APPEND = false;

/**
 * Boots everything for one `boot-python` request. The journal (database, write-ahead log, mirror) opens while
 * Python starts, and the core over it goes to `journalOpen` at once: journal work (the attempts a restart
 * stopped, a carried Terminate, Pause or Delete) needs no Python. When the boot announces such work
 * (`journalWork`), Python starts only once it is done: its boot holds this thread for seconds at a time.
 */
export async function bootExecutor(
  input: BootPython,
  deps: BootExecutorDeps,
  journalOpen?: (core: ExecutorCore) => Promise<void>,
): Promise<Executor> {
  const started = deps.now();
  deps.emit({ type: 'boot-progress', phase: 'opening-database' });
  const progress = (phase: BootProgress['phase']) => deps.emit({ type: 'boot-progress', phase });
  const head = deps.claimHeadStart?.(input, progress);
  let journalDone: () => void = () => {};
  const afterJournalWork =
    (input.journalWork ?? 0) > 0
      ? new Promise<void>((resolve) => {
          journalDone = resolve;
        })
      : undefined;
  const start = head ?? startPython(input, deps, progress, undefined, afterJournalWork);
  const db = start.db;
  // Opened alongside Python: waiting for a handle a terminated executor still holds must not delay the boot.
  // Only here, for the boot request: the log's file is exclusive (the journal's single writer).
  const logStarted = deps.now();
  let journalLogMs: number | undefined;
  const journalFile = deps.openJournalLog?.(`${db.name}.journal-log`).finally(() => {
    journalLogMs = Math.round(deps.now() - logStarted);
  });
  journalFile?.catch(() => undefined);
  // Connected alongside Python too, so it surely runs before the first step body can block this thread.
  const mirror = input.journalMirror && deps.openJournalLog ? connectMirror(input.journalMirror, db.name) : undefined;
  const interrupt = input.interruptBuffer ? new Int32Array(input.interruptBuffer) : undefined;
  const guard = createStepGuard({
    emit: deps.emit,
    kill: deps.kill,
    defer: deps.defer,
    ...(interrupt ? { interrupt } : {}),
  });
  let python: BootedPython | undefined;
  const runtime: ExecutorCoreDeps['runtime'] = {
    loadModule: (params) => {
      if (!python) throw new IllegalStateError('Python is not ready yet: no module can be loaded.');
      return python.runtime.loadModule(params);
    },
    activity: (run) => python?.runtime.activity(run) ?? 0,
  };
  const journal = (async () => {
    await start.opened;
    const file = await journalFile;
    if (file && mirror) await mirror.ready;
    const core = createExecutorCore({
      runtime,
      pythonReady: () => python !== undefined,
      db,
      ...(file ? { journalLog: createWalLog(file, { flush: FLUSH_EVERY_APPEND }) } : {}),
      ...(file && mirror ? { journalSink: mirror.sink } : {}),
      clock: createRealClock({
        now: () => Date.now(),
        setTimeout: (cb, ms) => setTimeout(cb, ms),
        clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      }),
      guard,
      emit: deps.emit,
      defer: deps.defer,
      wallNow: () => Date.now(),
      newId: () => crypto.randomUUID(),
      ...(deps.sql ? { sql: deps.sql } : {}),
      describeImportInterrupt: () => guard.importInterrupt(),
    });
    const work = journalOpen?.(core);
    return { core, work };
  })();
  // A failed open fails the boot below (once Python is up), with its own error.
  journal.catch(() => undefined);
  if (afterJournalWork) {
    // Python waits for the journal work; if the journal cannot open, Python starts anyway and the boot fails below.
    await journal.then(({ work }) => work).finally(journalDone);
  }
  const { python: booted, snapshots, filesMs } = await start.booted;
  const databaseMs = await start.opened;
  if (interrupt) booted.pyodide.setInterruptBuffer(interrupt);
  if (guard.routing) booted.runtime.routeInterrupts(guard.routing.decide, guard.routing.swallow);
  const { core } = await journal;
  python = booted;
  const ready: PythonReady = {
    ...booted.ready,
    bootMs: deps.now() - started,
    phases: {
      // How long before this request Python's start began (the head start, at the worker's spawn).
      ...(head ? { 'head-start': head.headStartMs } : {}),
      database: databaseMs,
      ...(filesMs === undefined ? {} : { 'snapshot-files': filesMs }),
      ...booted.ready.phases,
      // Only when the wait for the log's file outlasted Python's boot is it part of `bootMs`.
      ...(journalLogMs === undefined ? {} : { 'journal-log': journalLogMs }),
    },
  };
  // ~30 MB: dropped once stored (or not), so the worker does not hold a second copy of its memory for life.
  let pending = booted.pendingSnapshot;
  delete booted.pendingSnapshot;

  return {
    ready,
    core,
    runTests: createStudioTests({
      runtime: booted.runtime,
      pyodide: booted.pyodide,
      core,
      defer: deps.defer,
      ...(deps.sql ? { sql: deps.sql } : {}),
    }),
    armKill: (at) => guard.armKill(at),
    disarmKill: () => guard.disarmKill(),
    async afterReady() {
      const snapshot = pending;
      pending = undefined;
      if (!snapshot || !snapshots) return;
      const t0 = deps.now();
      const bytes = snapshot.bytes.byteLength;
      try {
        await snapshots.put(snapshot.key, snapshot.bytes);
        deps.emit({ type: 'snapshot-stored', ok: true, bytes, ms: deps.now() - t0 });
      } catch (error) {
        const e = serializeError(error);
        deps.emit({ type: 'snapshot-stored', ok: false, bytes, ms: deps.now() - t0, error: e });
        if (error instanceof StorageFullError) {
          deps.emit({ type: 'notice', level: 'warning', name: e.name, message: e.message });
        }
      }
    },
  };
}
