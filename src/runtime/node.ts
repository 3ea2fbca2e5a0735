/**
 * Node-only helpers for hosts outside the browser (the CLI, vitest, benches): read the SDK sources from disk
 * and boot a Pyodide with the runtime installed. Not exported from `index.ts`, so the browser bundle never
 * sees `node:fs`.
 */
import { createRequire } from 'node:module';
import { loadPyodide, type PyodideAPI, version as pyodideVersion } from 'pyodide';
import { createNetworkGate, type GatedFetch } from './network-gate';
import { cacheKey, type SnapshotCache } from './node-snapshot-cache';
import { createPythonRuntime, type PythonRuntime } from './python-runtime';
import { readSdkSources } from './sdk-files';
import { installSdk, sdkHash } from './sdk-sources';
import { reseedAfterRestore } from './snapshot-bytes';
import { createWorkflowGlobals, refusalError } from './workflow-globals';

export { openSnapshotCache, type SnapshotCache, snapshotCacheDirs } from './node-snapshot-cache';
export { readSdkSources, SDK_DIR } from './sdk-files';

/** `loadPyodide`'s options with its experimental snapshot ones (typed loosely by Pyodide). */
type Options = NonNullable<Parameters<typeof loadPyodide>[0]> & { _loadSnapshot?: Uint8Array; _makeSnapshot?: boolean };

/** A Pyodide and the runtime installed in it. */
export interface NodePython {
  pyodide: PyodideAPI;
  runtime: PythonRuntime;
  /** Python's one way to the network (`js.fetch`): closed but for `allowNet`. */
  gate: GatedFetch;
  /**
   * How Python started: `restored` from the cached snapshot, `made` plainly with a snapshot kept for next time,
   * `plain` without a cache (or when none could be made).
   */
  start: 'restored' | 'made' | 'plain';
}

/** Options of {@link loadNodePython}. */
export interface NodePythonOptions {
  stdout?: (line: string) => void;
  allowNet?: readonly string[];
  /** Start from (and keep) a memory snapshot here (node-snapshot-cache.ts); absent = a plain load every time. */
  snapshots?: SnapshotCache;
  /** More names for Python's `js` (a test's hook); see `WorkflowGlobalsOptions.extra`. */
  globals?: Readonly<Record<string, unknown>>;
}

/**
 * Loads Pyodide (from `node_modules/pyodide`) and installs the runtime. `stdout`/`stderr` receive Python
 * output written outside any workflow run (module-level prints); default: the process's stderr, so a
 * host's own stdout stays clean. Python's `js` is the workflow scope (workflow-globals.ts), not Node's global
 * scope: no `process`, `require` or file system; its `fetch` passes the network gate, open to `allowNet` only.
 *
 * With `snapshots`, as the executor does in the browser (boot-python.ts): the snapshot is taken right after the
 * SDK is installed and before the runtime bridge and the lockdown exist, so it holds no JS reference (Pyodide's
 * `makeMemorySnapshot` throws otherwise); the workflow scope, the gate and the bridge are made anew on every
 * start, so no host handle of the process that made it is ever restored.
 */
export async function loadNodePython(opts: NodePythonOptions = {}): Promise<NodePython> {
  const write = opts.stdout ?? ((line: string) => process.stderr.write(`${line}\n`));
  // The gate asks the runtime which file's mocks and which attempt a request comes from (runtime made below).
  let made: PythonRuntime | undefined;
  const gate = createNetworkGate({ allow: opts.allowNet ?? [], caller: () => made?.callingNet() });
  const jsglobals = createWorkflowGlobals({ fetch: gate, extra: opts.globals });
  const sources = readSdkSources();
  const cache = opts.snapshots;
  const key = cacheKey(pyodideVersion, sdkHash(sources));
  const cached = cache?.read(key);
  if (cache && cached) {
    try {
      const pyodide = await loadPyodide({ stdout: write, stderr: write, jsglobals, _loadSnapshot: cached } as Options);
      reseedAfterRestore(pyodide);
      lockShell();
      const runtime = createPythonRuntime({ pyodide, sources });
      made = runtime;
      return { pyodide, runtime, gate, start: 'restored' };
    } catch (error) {
      const why = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      cache.note(`the cached Python snapshot could not be restored (${why}); starting Python without it.`);
      cache.discard(key);
    }
  }
  const pyodide = await loadPyodide({ stdout: write, stderr: write, jsglobals, _makeSnapshot: cache !== undefined });
  lockShell();
  let start: NodePython['start'] = 'plain';
  if (cache) {
    try {
      installSdk(pyodide, sources);
      cache.write(key, pyodide.makeMemorySnapshot());
      start = 'made';
    } catch (error) {
      cache.note(`no Python snapshot made this time (${error instanceof Error ? error.message : String(error)}).`);
    }
  }
  const runtime = createPythonRuntime({ pyodide, sources });
  made = runtime;
  return { pyodide, runtime, gate, start };
}

/**
 * Emscripten's C `system()` runs a shell command in Node (`child_process.spawnSync`, looked up when called), and
 * Python reaches it through `os.system` (refused in Python, workers/_sandbox.py) and `ctypes`. Nothing of the
 * CLI spawns synchronously, so in a process that runs workflow code `spawnSync` runs nothing and answers like a
 * shell that cannot find the command (status 127). It must not throw: an exception out of a C call is a fatal
 * error of the interpreter, which every workflow in it shares (idempotent).
 */
function lockShell(): void {
  const childProcess = createRequire(import.meta.url)('node:child_process') as { spawnSync: unknown };
  if ((childProcess.spawnSync as { locked?: boolean }).locked) return;
  const refused = refusalError('a shell command (system)');
  childProcess.spawnSync = Object.assign(
    () => ({ pid: 0, status: 127, signal: null, output: [], stdout: null, stderr: null, error: refused }),
    { locked: true },
  );
}
