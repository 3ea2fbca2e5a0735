/**
 * The part of an executor's boot that only reads: open the database, find the snapshot files, restore (or load)
 * Python. `bootExecutor` runs it for a boot request; the worker can run it earlier as a head start (a
 * `head-start` message, sent by the page at spawn, before the tab knows whether it leads), which the boot
 * request then claims. A follower's worker is terminated with its head start unclaimed, so nothing here may
 * write: the one write on this path (dropping a snapshot that failed to restore) waits for the claim, and the
 * journal's log file (exclusive: the single writer) is opened by the boot request only.
 */
import { createSnapshotRepo, type SnapshotFiles, type SnapshotRepo, StudioDB } from '../persistence';
import type { BootProgress, BootPython } from '../protocol';
import { type SdkSources, sdkHash } from '../runtime';
import { type BootedPython, type BootPythonDeps, bootPython } from './boot-python';

/** What a start depends on: a head start is only used by a boot that asks for the same. */
export type StartParams = Pick<BootPython, 'indexURL' | 'dbName' | 'snapshots'>;

/** The host services a start needs (a subset of `BootExecutorDeps`). */
export interface StartPythonDeps {
  loadPyodide: BootPythonDeps['loadPyodide'];
  pyodideVersion: string;
  sdkSources: SdkSources;
  now(): number;
  fetchShippedSnapshot?(indexURL: string, key: string): Promise<Uint8Array>;
  network?: BootPythonDeps['network'];
  preload?(indexURL: string): void;
  snapshotFiles?(): Promise<SnapshotFiles | undefined>;
}

/** Python on its way, with the database it opened alongside. */
export interface StartedPython {
  db: StudioDB;
  /** Resolves with the ms the database took to open; rejects when it cannot be opened. */
  opened: Promise<number>;
  booted: Promise<{ python: BootedPython; snapshots: SnapshotRepo | undefined; filesMs: number | undefined }>;
}

/**
 * Starts Python for `params`. `progress` gets the boot phases in order; `mayWrite` gates the one write (see
 * above; a boot request passes an open gate). With `after`, Python's start (not the database's open) waits for
 * it: a restart's journal work goes first (boot-executor.ts).
 */
export function startPython(
  params: StartParams,
  deps: StartPythonDeps,
  progress: (phase: BootProgress['phase']) => void,
  mayWrite: Promise<void> = Promise.resolve(),
  after?: Promise<void>,
): StartedPython {
  const db = new StudioDB(params.dbName);
  const t0 = deps.now();
  // Opens while Python starts: with snapshot files nothing before "ready" needs the database (the IndexedDB
  // fallback's snapshot queries wait for the open inside Dexie). A failed open still fails the boot.
  const opened = db.open().then(() => Math.round(deps.now() - t0));
  opened.catch(() => undefined);
  const booted = (async () => {
    await after;
    deps.preload?.(params.indexURL);
    const t1 = deps.now();
    const opening = params.snapshots === false ? undefined : deps.snapshotFiles?.();
    // Hashed while OPFS answers: the snapshot's key and the runtime need it, and it is ~10 ms of this thread.
    const hash = sdkHash(deps.sdkSources);
    const files = await opening;
    const filesMs = files ? Math.round(deps.now() - t1) : undefined;
    const snapshots = params.snapshots === false ? undefined : createSnapshotRepo(db, { now: () => Date.now(), files });
    const fetchShipped = deps.fetchShippedSnapshot;
    const python = await bootPython(params.indexURL, {
      loadPyodide: deps.loadPyodide,
      pyodideVersion: deps.pyodideVersion,
      sdkSources: deps.sdkSources,
      sdkHash: hash,
      ...(snapshots
        ? {
            snapshots: {
              has: (key) => snapshots.has(key),
              get: (key) => snapshots.get(key),
              delete: (key) => mayWrite.then(() => snapshots.delete(key)),
            },
          }
        : {}),
      ...(fetchShipped ? { fetchShippedSnapshot: (key: string) => fetchShipped(params.indexURL, key) } : {}),
      now: deps.now,
      progress,
      ...(deps.network ? { network: deps.network } : {}),
    });
    return { python, snapshots, filesMs };
  })();
  booted.catch(() => undefined); // a head start may fail before anyone claims it; the claim sees the rejection
  return { db, opened, booted };
}

/** A start begun before the boot request (see `HeadStart` in the protocol). */
export interface PythonHeadStart {
  /**
   * The start, when `input` asks for what it started (else it is dropped: its database closed); its boot phases
   * so far are replayed to `progress` in order, later ones go there directly. Once: later calls get undefined.
   */
  claim(
    input: StartParams,
    progress: (phase: BootProgress['phase']) => void,
  ): (StartedPython & { headStartMs: number }) | undefined;
}

/** What a head start needs besides a start's services. */
export interface HeadStartDeps extends StartPythonDeps {
  /**
   * Calls `listener` with every unhandled rejection of the worker. Pyodide never settles `loadPyodide()` when
   * fetching or instantiating its wasm fails, it only leaves an unhandled rejection (executor-host.ts watches
   * for them during a boot); before the claim the head start is the only work in the worker, so one fails it.
   */
  onUnhandledRejection?(listener: (reason: unknown) => void): void;
}

/** Begins `startPython(params)` now, for a boot request to claim later. */
export function createHeadStart(params: StartParams, deps: HeadStartDeps): PythonHeadStart {
  const begun = deps.now();
  const kept: Array<BootProgress['phase']> = [];
  let forward: ((phase: BootProgress['phase']) => void) | undefined;
  let allowWrites!: () => void;
  const mayWrite = new Promise<void>((resolve) => {
    allowWrites = resolve;
  });
  const started = startPython(
    params,
    deps,
    (phase) => {
      if (forward) forward(phase);
      else kept.push(phase);
    },
    mayWrite,
  );
  let fault: ((reason: unknown) => void) | undefined;
  const faulted = new Promise<never>((_, reject) => {
    fault = reject;
  });
  deps.onUnhandledRejection?.((reason) => fault?.(reason));
  const booted = Promise.race([started.booted, faulted]).finally(() => {
    fault = undefined;
  });
  booted.catch(() => undefined);
  let claimed = false;
  return {
    claim(input, progress) {
      if (claimed) return undefined;
      claimed = true;
      const same =
        input.indexURL === params.indexURL &&
        input.dbName === params.dbName &&
        (input.snapshots ?? true) === (params.snapshots ?? true);
      if (!same) {
        started.db.close();
        return undefined;
      }
      for (const phase of kept.splice(0)) progress(phase);
      forward = progress;
      allowWrites();
      return { db: started.db, opened: started.opened, booted, headStartMs: Math.round(deps.now() - begun) };
    },
  };
}
