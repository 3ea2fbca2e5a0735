/**
 * Composition of one executor: the database, Python (warm or cold), the interrupt buffer, the step guard
 * and the core with its engine on the real clock. Used by `worker.ts`, and by Node tests with real Pyodide.
 */
import { createRealClock, IllegalStateError } from '../engine';
import {
  connectMirror,
  createSnapshotRepo,
  createWalLog,
  type SnapshotFiles,
  StorageFullError,
  StudioDB,
  type SyncFile,
} from '../persistence';
import {
  type BootPython,
  type KillPoint,
  type PythonReady,
  type RunTests,
  type StoppedAttempt,
  serializeError,
  type TestsRan,
  type WorkerEvent,
} from '../protocol';
import type { SdkSources } from '../runtime';
import { type BootedPython, type BootPythonDeps, bootPython } from './boot-python';
import { createExecutorCore, type ExecutorCore, type ExecutorCoreDeps } from './executor-core';
import { createStudioTests } from './run-tests';
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

/** The host services an executor needs. */
export interface BootExecutorDeps {
  loadPyodide: BootPythonDeps['loadPyodide'];
  pyodideVersion: string;
  sdkSources: SdkSources;
  emit(event: WorkerEvent): void;
  /** Monotonic ms (`performance.now`), for timings. */
  now(): number;
  /** Stop this worker at once (crash injection, fired at `at`; `cut`: the attempt it cut off, step-guard.ts). */
  kill(at: KillPoint, cut?: StoppedAttempt): void;
  /** A macrotask that is not clamped (MessageChannel), for the engine's eviction checks. */
  defer(cb: () => void): void;
  /** Fetches the snapshot shipped with the app for a key, from under `indexURL` (optional: none shipped). */
  fetchShippedSnapshot?(indexURL: string, key: string): Promise<Uint8Array>;
  /** Origins workflow code may reach (the build setting; see `BootPythonDeps.network`). */
  network?: BootPythonDeps['network'];
  /** Starts fetching Pyodide's runtime script from `indexURL` while the database opens (optional). */
  preload?(indexURL: string): void;
  /**
   * Opens the file of the journal's write-ahead log (OPFS in the worker); `undefined` (or no function) means
   * none, and the journal goes to IndexedDB directly.
   */
  openJournalLog?(fileName: string): Promise<SyncFile | undefined>;
  /** Snapshot files in OPFS, when the browser has them (optional; without, snapshots stay in IndexedDB). */
  snapshotFiles?(): Promise<SnapshotFiles | undefined>;
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
  deps.preload?.(input.indexURL);
  deps.emit({ type: 'boot-progress', phase: 'opening-database' });
  const db = new StudioDB(input.dbName);
  // Opened alongside Python: waiting for a handle a terminated executor still holds must not delay the boot.
  const logStarted = deps.now();
  let journalLogMs: number | undefined;
  const journalFile = deps.openJournalLog?.(`${db.name}.journal-log`).finally(() => {
    journalLogMs = Math.round(deps.now() - logStarted);
  });
  journalFile?.catch(() => undefined);
  // Connected alongside Python too, so it surely runs before the first step body can block this thread.
  const mirror = input.journalMirror && deps.openJournalLog ? connectMirror(input.journalMirror, db.name) : undefined;
  const t0 = deps.now();
  // Opens while Python starts: with snapshot files nothing before "ready" needs the database (the IndexedDB
  // fallback's snapshot queries wait for the open inside Dexie). A failed open still fails the boot, below.
  const opened = db.open().then(() => Math.round(deps.now() - t0));
  opened.catch(() => undefined);
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
    await opened;
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
  if ((input.journalWork ?? 0) > 0) await (await journal).work;
  const t1 = deps.now();
  const files = input.snapshots === false ? undefined : await deps.snapshotFiles?.();
  const filesMs = Math.round(deps.now() - t1);
  const snapshots = input.snapshots === false ? undefined : createSnapshotRepo(db, { now: () => Date.now(), files });
  const fetchShipped = deps.fetchShippedSnapshot;
  const booted = await bootPython(input.indexURL, {
    loadPyodide: deps.loadPyodide,
    pyodideVersion: deps.pyodideVersion,
    sdkSources: deps.sdkSources,
    ...(snapshots ? { snapshots } : {}),
    ...(fetchShipped ? { fetchShippedSnapshot: (key: string) => fetchShipped(input.indexURL, key) } : {}),
    now: deps.now,
    progress: (phase) => deps.emit({ type: 'boot-progress', phase }),
    ...(deps.network ? { network: deps.network } : {}),
  });
  const databaseMs = await opened;
  if (interrupt) booted.pyodide.setInterruptBuffer(interrupt);
  if (guard.routing) booted.runtime.routeInterrupts(guard.routing.decide, guard.routing.swallow);
  const { core } = await journal;
  python = booted;
  const ready: PythonReady = {
    ...booted.ready,
    bootMs: deps.now() - started,
    phases: {
      database: databaseMs,
      ...(files ? { 'snapshot-files': filesMs } : {}),
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
