/**
 * Starts Python for the executor: warm from a memory snapshot in IndexedDB when one matches this Pyodide
 * version and SDK, otherwise a plain load that makes a snapshot for next time.
 *
 * A snapshot can only capture an interpreter that holds no JS references, so it is made right after the SDK
 * is installed and before the runtime bridge exists (`installSdk` holds none). Making it is a memory copy
 * (~20 ms); storing its ~30 MB is left to the caller, after "ready" (see `BootedPython.pendingSnapshot`).
 * Any snapshot problem (missing, stale, unreadable, fails to restore) falls back to a plain load.
 */
import type { PyodideAPI } from 'pyodide';
import type { SnapshotRepo } from '../persistence';
import { snapshotKey } from '../persistence';
import type { BootProgress, PythonReady, SnapshotUse } from '../protocol';
import { createPythonRuntime, installSdk, type PythonRuntime, type SdkSources, sdkHash } from '../runtime';

/** The `loadPyodide` options the executor uses (the underscore ones are Pyodide's experimental snapshot API). */
export interface LoadPyodideOptions {
  indexURL: string;
  _makeSnapshot?: boolean;
  _loadSnapshot?: Uint8Array;
}

/** What booting needs; injected so Node tests use the real Pyodide from node_modules. */
export interface BootPythonDeps {
  loadPyodide(options: LoadPyodideOptions): Promise<PyodideAPI>;
  pyodideVersion: string;
  sdkSources: SdkSources;
  /** Where snapshots live; absent = snapshots disabled (always a plain load). */
  snapshots?: Pick<SnapshotRepo, 'get' | 'delete'>;
  now(): number;
  progress(phase: BootProgress['phase']): void;
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
  const key = snapshotKey(deps.pyodideVersion, sdkHash(deps.sdkSources));
  let snapshot: SnapshotUse = deps.snapshots ? 'missing' : 'disabled';
  let loadMs = 0;

  if (deps.snapshots) {
    deps.progress('reading-snapshot');
    const record = await deps.snapshots.get(key).catch(() => undefined);
    if (record) {
      deps.progress('restoring-snapshot');
      const t0 = deps.now();
      try {
        const pyodide = await deps.loadPyodide({ indexURL, _loadSnapshot: record.bytes });
        const runtime = createPythonRuntime({ pyodide, sources: deps.sdkSources });
        loadMs = deps.now() - t0;
        return { pyodide, runtime, ready: ready(pyodide, loadMs, 'used', deps.now() - started) };
      } catch (error) {
        console.warn('The Python start-up snapshot could not be restored; loading Python plainly.', error);
        snapshot = 'failed';
        await deps.snapshots.delete(key).catch(() => undefined);
      }
    }
  }

  deps.progress('loading-python');
  const t0 = deps.now();
  const makeSnapshot = deps.snapshots !== undefined;
  const pyodide = await deps.loadPyodide(makeSnapshot ? { indexURL, _makeSnapshot: true } : { indexURL });
  loadMs = deps.now() - t0;
  deps.progress('installing-sdk');
  let pendingSnapshot: BootedPython['pendingSnapshot'];
  if (makeSnapshot) {
    try {
      installSdk(pyodide, deps.sdkSources);
      pendingSnapshot = { key, bytes: pyodide.makeMemorySnapshot() };
    } catch (error) {
      console.warn('No Python start-up snapshot this time:', error);
    }
  }
  const runtime = createPythonRuntime({ pyodide, sources: deps.sdkSources });
  const booted: BootedPython = { pyodide, runtime, ready: ready(pyodide, loadMs, snapshot, deps.now() - started) };
  if (pendingSnapshot) booted.pendingSnapshot = pendingSnapshot;
  return booted;
}

function ready(pyodide: PyodideAPI, loadMs: number, snapshot: SnapshotUse, bootMs: number): PythonReady {
  return {
    type: 'python-ready',
    pyodideVersion: pyodide.version,
    pythonVersion: String(pyodide.runPython('import sys; sys.version.split()[0]')),
    loadMs,
    warm: snapshot === 'used',
    snapshot,
    bootMs,
  };
}
