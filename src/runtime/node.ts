/**
 * Node-only helpers for hosts outside the browser (the CLI, vitest, benches): read the SDK sources from disk
 * and boot a Pyodide with the runtime installed. Not exported from `index.ts`, so the browser bundle never
 * sees `node:fs`.
 */
import { loadPyodide, type PyodideAPI } from 'pyodide';
import { createNetworkGate, type GatedFetch } from './network-gate';
import { createPythonRuntime, type PythonRuntime } from './python-runtime';
import { readSdkSources } from './sdk-files';
import { createWorkflowGlobals } from './workflow-globals';

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
  opts: { stdout?: (line: string) => void; allowNet?: readonly string[] } = {},
): Promise<NodePython> {
  const write = opts.stdout ?? ((line: string) => process.stderr.write(`${line}\n`));
  const gate = createNetworkGate({ allow: opts.allowNet ?? [] });
  const jsglobals = createWorkflowGlobals({ fetch: gate });
  const pyodide = await loadPyodide({ stdout: write, stderr: write, jsglobals });
  const runtime = createPythonRuntime({ pyodide, sources: readSdkSources() });
  return { pyodide, runtime, gate };
}
