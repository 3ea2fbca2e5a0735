import { loadPyodide, type PyodideAPI, version as pyodideVersion } from 'pyodide';
import type { PythonReady } from '../protocol';

/** A booted interpreter and what the host is told about it. */
export interface BootedPython {
  pyodide: PyodideAPI;
  ready: PythonReady;
}

/**
 * Loads Pyodide from `indexURL`. The URL must be explicit: pyodide.mjs is bundled into the worker chunk,
 * so Pyodide's own guess (from `import.meta.url`) would point at the bundle, not at the runtime files.
 */
export async function bootPython(indexURL: string, now: () => number): Promise<BootedPython> {
  const started = now();
  const pyodide = await loadPyodide({ indexURL });
  const loadMs = now() - started;
  const pythonVersion = String(pyodide.runPython('import sys; sys.version.split()[0]'));
  return { pyodide, ready: { type: 'python-ready', pyodideVersion, pythonVersion, loadMs } };
}
