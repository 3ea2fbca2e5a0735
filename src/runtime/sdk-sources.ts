import type { PyodideAPI } from 'pyodide';

/**
 * The `workers` package sources, keyed by path. Any path ending in `workers/<file>.py` is accepted, so hosts
 * can pass what they have: the executor `import.meta.glob('./python/**\/*.py', { query: '?raw', eager: true })`
 * (values are then modules with a `default` string), the CLI absolute paths read from disk.
 */
export type SdkSources = Readonly<Record<string, string | { default: string }>>;

/** Where the SDK lives in Pyodide's file system (prepended to `sys.path`). */
export const SDK_ROOT = '/lib/workflow-studio';

const REQUIRED = ['workers/__init__.py', 'workers/workflows.py', 'workers/_host.py'];

/** The SDK files as `workers/...` relative paths → source text, sorted by path. */
export function normalizeSdkSources(sources: SdkSources): Map<string, string> {
  const files = new Map<string, string>();
  for (const [path, value] of Object.entries(sources)) {
    const normal = path.replaceAll('\\', '/');
    const at = normal.lastIndexOf('workers/');
    if (at < 0 || (at > 0 && normal[at - 1] !== '/') || !normal.endsWith('.py')) continue;
    files.set(normal.slice(at), typeof value === 'string' ? value : value.default);
  }
  const missing = REQUIRED.filter((p) => !files.has(p));
  if (missing.length > 0) {
    throw new Error(
      `The workers SDK sources are incomplete: missing ${missing.join(', ')}. Pass every .py file under src/runtime/python/workers/.`,
    );
  }
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A short stable hash of the SDK sources (FNV-1a, hex): key Pyodide memory snapshots with it. */
export function sdkHash(sources: SdkSources): string {
  let h = 0x811c9dc5;
  for (const [path, text] of normalizeSdkSources(sources)) {
    for (const s of [path, '\0', text, '\0']) {
      for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
      }
    }
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Writes the SDK into Pyodide's file system, imports it and installs its stdout and clock patches.
 * Holds no JS references afterwards, so it may run before a memory snapshot is taken. Idempotent.
 */
export function installSdk(pyodide: PyodideAPI, sources: SdkSources): void {
  for (const [path, text] of normalizeSdkSources(sources)) {
    const full = `${SDK_ROOT}/${path}`;
    pyodide.FS.mkdirTree(full.slice(0, full.lastIndexOf('/')));
    pyodide.FS.writeFile(full, text, { encoding: 'utf8' });
  }
  const dictType = pyodide.globals.get('dict');
  const scope = dictType();
  dictType.destroy();
  try {
    pyodide.runPython(
      [
        'import sys, importlib',
        `root = ${JSON.stringify(SDK_ROOT)}`,
        'if root not in sys.path:',
        '    sys.path.insert(0, root)',
        'importlib.invalidate_caches()',
        'import workers._host',
        'workers._host.install()',
        // Imported here, not first by lockDownPyodide (which installs it: that holds JS references), so a memory
        // snapshot holds it compiled: a restore skips compiling it (~30 ms on a warm start in the browser).
        'import workers._sandbox',
      ].join('\n'),
      { globals: scope },
    );
  } finally {
    scope.destroy();
  }
}
