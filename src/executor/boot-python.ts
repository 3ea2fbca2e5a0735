/**
 * Starts Python for the executor: warm from a memory snapshot in IndexedDB when one matches this Pyodide
 * version and SDK, else from the snapshot shipped with the app (first visit; kept for the next one), otherwise
 * a plain load that makes a snapshot for next time.
 *
 * A snapshot can only capture an interpreter that holds no JS references, so it is made right after the SDK
 * is installed and before the runtime bridge exists (`installSdk` holds none). Making it is a memory copy
 * (~20 ms); storing its ~30 MB is left to the caller, after "ready" (see `BootedPython.pendingSnapshot`).
 * Any snapshot problem (missing, stale, unreadable, fails to restore) falls back to a plain load. An empty
 * stored file (its store cut short: a step took the thread after "ready", then the worker was ended) counts as
 * none stored, so the shipped snapshot comes next.
 */
import type { PyodideAPI } from 'pyodide';
import type { SnapshotRepo } from '../persistence';
import { snapshotKey } from '../persistence';
import type { BootProgress, PythonReady, SnapshotUse } from '../protocol';
import {
  createNetworkGate,
  createPythonRuntime,
  createWorkflowGlobals,
  installSdk,
  type PythonRuntime,
  type SdkSources,
  STUDIO_HOW_TO_ALLOW,
  STUDIO_HOW_TO_ALLOW_IN_CSP,
  sdkHash,
} from '../runtime';
import { reseedAfterRestore } from './shipped-snapshot';

/** The `loadPyodide` options the executor uses (the underscore ones are Pyodide's experimental snapshot API). */
export interface LoadPyodideOptions {
  indexURL: string;
  /** Python's `js` module: the workflow scope (workflow-globals.ts), never the worker's global scope. */
  jsglobals: object;
  _makeSnapshot?: boolean;
  _loadSnapshot?: Uint8Array | PromiseLike<Uint8Array>;
}

/** What booting needs; injected so Node tests use the real Pyodide from node_modules. */
export interface BootPythonDeps {
  loadPyodide(options: LoadPyodideOptions): Promise<PyodideAPI>;
  pyodideVersion: string;
  sdkSources: SdkSources;
  /** `sdkHash(sdkSources)`, when the caller computed it already (start-python.ts does, while OPFS answers). */
  sdkHash?: string;
  /** Where snapshots live; absent = snapshots disabled (always a plain load). */
  snapshots?: Pick<SnapshotRepo, 'has' | 'get' | 'delete'>;
  /** Fetches the snapshot shipped with the app for a key (see shipped-snapshot.ts); absent = none shipped. */
  fetchShippedSnapshot?(key: string): Promise<Uint8Array>;
  now(): number;
  progress(phase: BootProgress['phase']): void;
  /**
   * Real network by opt-in: the origins the build setting `STUDIO_CONNECT_ORIGINS` names (the executor's
   * allow-list), and whether the page's CSP limits `connect-src` to them (the production build; not the dev
   * server). Absent: nothing leaves.
   */
  network?: { allow: readonly string[]; csp: boolean };
}

/** A started interpreter with the SDK and the runtime bridge installed. */
export interface BootedPython {
  pyodide: PyodideAPI;
  runtime: PythonRuntime;
  ready: PythonReady;
  /** A snapshot made by this (plain) load, to be stored once the executor has answered "ready". */
  pendingSnapshot?: { key: string; bytes: Uint8Array };
}

/**
 * Loads Pyodide from `indexURL`. The URL must be explicit: pyodide.mjs is bundled into the worker chunk,
 * so Pyodide's own guess (from `import.meta.url`) would point at the bundle, not at the runtime files.
 */
export async function bootPython(indexURL: string, deps: BootPythonDeps): Promise<BootedPython> {
  const started = deps.now();
  // Workflow code reaches no storage, channel or network of the worker; its fetch passes the gate (closed).
  // The gate asks the runtime which file's mocks and which attempt a request comes from (runtime made below).
  let made: PythonRuntime | undefined;
  const allow = deps.network?.allow ?? [];
  const gate = createNetworkGate({
    allow,
    howToAllow: STUDIO_HOW_TO_ALLOW,
    caller: () => made?.callingNet(),
    ...(deps.network?.csp ? { cspOrigins: allow, howToAllowInCsp: STUDIO_HOW_TO_ALLOW_IN_CSP } : {}),
  });
  const jsglobals = createWorkflowGlobals({ fetch: gate });
  const hash = deps.sdkHash ?? sdkHash(deps.sdkSources);
  const newRuntime = (pyodide: PyodideAPI) => {
    made = createPythonRuntime({ pyodide, sources: deps.sdkSources, hash });
    return made;
  };
  const phases: Record<string, number> = {};
  const timed = async <T>(phase: string, work: () => Promise<T> | T): Promise<T> => {
    const t0 = deps.now();
    try {
      return await work();
    } finally {
      phases[phase] = Math.round(deps.now() - t0);
    }
  };
  const key = snapshotKey(deps.pyodideVersion, hash);
  let snapshot: SnapshotUse = deps.snapshots ? 'missing' : 'disabled';
  const repo = deps.snapshots;

  /** The stored file held nothing: a store cut short (the thread was held, then the worker ended), no snapshot. */
  let storedEmpty = false;
  if (repo) {
    deps.progress('reading-snapshot');
    const stored = await timed('snapshot-check', () => repo.has(key).catch(() => false));
    if (stored) {
      deps.progress('restoring-snapshot');
      try {
        // The ~30 MB read overlaps with Pyodide fetching and compiling its runtime: loadPyodide awaits the
        // snapshot only when it is about to instantiate the wasm.
        const readStarted = deps.now();
        const bytes = repo.get(key).then((record) => {
          phases['snapshot-read'] = Math.round(deps.now() - readStarted);
          storedEmpty = !record;
          if (!record) throw new Error('The stored snapshot is empty (its store was cut short) or was removed');
          return record.bytes;
        });
        // Pyodide awaits the snapshot only once its runtime script has loaded: a read that fails first (the empty
        // file) must not be an unhandled rejection, which fails the whole boot in the worker (executor-host.ts)
        // instead of falling back below.
        bytes.catch(() => undefined);
        const pyodide = await timed('pyodide', () => deps.loadPyodide({ indexURL, jsglobals, _loadSnapshot: bytes }));
        reseedAfterRestore(pyodide);
        const runtime = await timed('sdk', () => newRuntime(pyodide));
        const ready = readyAnswer(pyodide, phases.pyodide ?? 0, 'used', deps.now() - started, phases);
        return { pyodide, runtime, ready };
      } catch (error) {
        if (storedEmpty) {
          // As if none were stored: the shipped snapshot next (seconds sooner than a plain load), kept after ready.
          console.warn('The Python start-up snapshot stored in this browser is empty; starting without it.', error);
        } else {
          console.warn('The Python start-up snapshot could not be restored; loading Python plainly.', error);
          snapshot = 'failed';
        }
      }
    }
  }

  const fetchShipped = deps.fetchShippedSnapshot;
  if (repo && fetchShipped && snapshot === 'missing') {
    deps.progress('fetching-snapshot');
    try {
      // Like the IndexedDB read above, the download overlaps with Pyodide fetching and compiling its runtime.
      const fetchStarted = deps.now();
      const bytes = fetchShipped(key).then((b) => {
        phases['snapshot-fetch'] = Math.round(deps.now() - fetchStarted);
        return b;
      });
      bytes.catch(() => undefined); // loadPyodide may not await it yet when it fails; it is handled below
      const pyodide = await timed('pyodide', () => deps.loadPyodide({ indexURL, jsglobals, _loadSnapshot: bytes }));
      reseedAfterRestore(pyodide);
      const runtime = await timed('sdk', () => newRuntime(pyodide));
      const shipped = await bytes;
      const ready = readyAnswer(pyodide, phases.pyodide ?? 0, 'shipped', deps.now() - started, phases);
      ready.snapshotBytes = shipped.byteLength;
      // Kept for the next visit like a snapshot this browser made (the HTTP cache may evict it any time).
      return { pyodide, runtime, ready, pendingSnapshot: { key, bytes: shipped } };
    } catch (error) {
      console.warn(
        'The Python start-up snapshot shipped with the studio could not be used; loading Python plainly.',
        error,
      );
      snapshot = 'shipped-failed';
    }
  }

  deps.progress('loading-python');
  const makeSnapshot = repo !== undefined;
  const pyodide = await timed('pyodide', () =>
    deps.loadPyodide(makeSnapshot ? { indexURL, jsglobals, _makeSnapshot: true } : { indexURL, jsglobals }),
  );
  // Only now is the snapshot known to be the problem (not, say, the network that also failed the plain load).
  if (snapshot === 'failed' || storedEmpty) await repo?.delete(key).catch(() => undefined);
  deps.progress('installing-sdk');
  let pendingSnapshot: BootedPython['pendingSnapshot'];
  if (makeSnapshot) {
    try {
      await timed('sdk', () => installSdk(pyodide, deps.sdkSources));
      pendingSnapshot = { key, bytes: await timed('snapshot-make', () => pyodide.makeMemorySnapshot()) };
    } catch (error) {
      console.warn('No Python start-up snapshot this time:', error);
    }
  }
  const runtime = await timed('runtime', () => newRuntime(pyodide));
  const ready = readyAnswer(pyodide, phases.pyodide ?? 0, snapshot, deps.now() - started, phases);
  const booted: BootedPython = { pyodide, runtime, ready };
  if (pendingSnapshot) booted.pendingSnapshot = pendingSnapshot;
  return booted;
}

function readyAnswer(
  pyodide: PyodideAPI,
  loadMs: number,
  snapshot: SnapshotUse,
  bootMs: number,
  phases: Record<string, number>,
): PythonReady {
  return {
    type: 'python-ready',
    pyodideVersion: pyodide.version,
    pythonVersion: String(pyodide.runPython('import sys; sys.version.split()[0]')),
    loadMs,
    warm: snapshot === 'used' || snapshot === 'shipped',
    snapshot,
    bootMs,
    phases,
  };
}
