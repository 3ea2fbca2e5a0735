/**
 * Node-only helpers for hosts outside the browser (the CLI, vitest, benches): read the SDK sources from disk
 * and boot a Pyodide with the runtime installed. Not exported from `index.ts`, so the browser bundle never
 * sees `node:fs`.
 */
import { createRequire } from 'node:module';
import { loadPyodide, type PyodideAPI } from 'pyodide';
import { createNetworkGate, type GatedFetch } from './network-gate';
import { createPythonRuntime, type PythonRuntime } from './python-runtime';
import { readSdkSources } from './sdk-files';
import { createWorkflowGlobals, refusalError } from './workflow-globals';

export { readSdkSources, SDK_DIR } from './sdk-files';

/** A Pyodide and the runtime installed in it. */
export interface NodePython {
  pyodide: PyodideAPI;
  runtime: PythonRuntime;
  /** Python's one way to the network (`js.fetch`): closed but for `allowNet`. */
  gate: GatedFetch;
}

/**
 * Loads Pyodide (from `node_modules/pyodide`) and installs the runtime. `stdout`/`stderr` receive Python
 * output written outside any workflow run (module-level prints); default: the process's stderr, so a
 * host's own stdout stays clean. Python's `js` is the workflow scope (workflow-globals.ts), not Node's global
 * scope: no `process`, `require` or file system; its `fetch` passes the network gate, open to `allowNet` only.
 */
export async function loadNodePython(
  opts: {
    stdout?: (line: string) => void;
    allowNet?: readonly string[];
    /** More names for Python's `js` (a test's hook); see `WorkflowGlobalsOptions.extra`. */
    globals?: Readonly<Record<string, unknown>>;
  } = {},
): Promise<NodePython> {
  const write = opts.stdout ?? ((line: string) => process.stderr.write(`${line}\n`));
  const gate = createNetworkGate({ allow: opts.allowNet ?? [] });
  const jsglobals = createWorkflowGlobals({ fetch: gate, extra: opts.globals });
  const pyodide = await loadPyodide({ stdout: write, stderr: write, jsglobals });
  lockShell();
  const runtime = createPythonRuntime({ pyodide, sources: readSdkSources() });
  return { pyodide, runtime, gate };
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
