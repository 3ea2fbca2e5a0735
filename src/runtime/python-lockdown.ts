/**
 * Closes the routes from Python to the host's global scope that a curated `js` module (workflow-globals.ts)
 * alone leaves open:
 *
 * - Pyodide's own API as the module `pyodide_js` (its `_module` has the Emscripten file system, in Node able to
 *   mount the host's disk; `_api.config.jsglobals`; `loadPackage` fetches any URL). Workflow code gets a stand-in
 *   holding only what Pyodide's Python side imports from it, and refusing the rest by name.
 * - Python's `js` module becomes `workers._sandbox`'s, which turns a refusal into `JsRefusedError` (an `ImportError`
 *   and a `NonRetryableError`), so `from js import indexedDB` fails like an import and fails its step at once.
 * - `Function` through any JS object's `constructor.constructor` (and the async and generator variants): it
 *   compiles code in the host's global scope. Their prototypes' `constructor` becomes a function of the same
 *   name that refuses; `Function` itself, `instanceof Function` and `.constructor.name` are unchanged.
 */
import type { PyodideAPI } from 'pyodide';
import { createRefusingScope, hostNames, isWorkflowGlobals, refusalError } from './workflow-globals';

const FUNCTION_KINDS: Array<[string, object]> = [
  ['Function', Function.prototype],
  ['AsyncFunction', Object.getPrototypeOf(async () => {})],
  ['GeneratorFunction', Object.getPrototypeOf(function* () {})],
  ['AsyncGeneratorFunction', Object.getPrototypeOf(async function* () {})],
];

const lockedConstructors = new WeakSet<object>();

/**
 * Makes `constructor` of the function prototypes of this JS realm refuse to compile code (idempotent; for the
 * whole realm: the executor worker, the CLI process). Code evaluation through them would reach `globalThis`.
 */
export function lockFunctionConstructors(): void {
  for (const [name, proto] of FUNCTION_KINDS) {
    const current = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value;
    if (lockedConstructors.has(current)) continue;
    const refuse: () => never = {
      [name]: () => {
        throw refusalError(`js ${name} (code compiled from a string)`);
      },
    }[name]!;
    lockedConstructors.add(refuse);
    Object.defineProperty(proto, 'constructor', {
      value: refuse,
      writable: false,
      enumerable: false,
      configurable: false,
    });
  }
}

/** Pyodide's internals this file reads (not in its public types). */
interface PyodideInternals {
  version: string;
  loadedPackages: object;
  _api: { config: { enableRunUntilComplete?: boolean }; scheduleCallback: unknown; abortSignalAny: unknown };
}

/**
 * Locks `pyodide` down for workflow code: checks that its `js` module is a workflow scope (Pyodide loaded with
 * `jsglobals: createWorkflowGlobals(...)`), replaces `pyodide_js` with a stand-in, and locks the function
 * constructors. Throws when `js` is the host's global scope: running workflow code there is never intended.
 */
export function lockDownPyodide(pyodide: PyodideAPI): void {
  const js = pyodide.pyimport('js') as unknown;
  const curated = isWorkflowGlobals(js);
  if (typeof (js as { destroy?: unknown }).destroy === 'function') (js as { destroy(): void }).destroy();
  if (!curated) {
    throw new Error(
      'This Pyodide gives Python the host’s whole global scope as `js`: load it with `jsglobals: createWorkflowGlobals(...)` before running workflow code.',
    );
  }
  lockFunctionConstructors();
  const real = pyodide as unknown as PyodideInternals;
  const realApi = real._api;
  const api = createRefusingScope(
    'pyodide_js._api',
    {
      config: Object.freeze({ enableRunUntilComplete: realApi.config.enableRunUntilComplete }),
      scheduleCallback: realApi.scheduleCallback,
      abortSignalAny: realApi.abortSignalAny,
    },
    hostNames(realApi),
  );
  const standIn = createRefusingScope(
    'pyodide_js',
    { _api: api, version: real.version, loadedPackages: real.loadedPackages },
    hostNames(real),
  );
  pyodide.registerJsModule('pyodide_js', standIn);
  const dictType = pyodide.globals.get('dict');
  const scope = dictType();
  dictType.destroy();
  try {
    pyodide.runPython(
      [
        'import sys',
        'for _name in [n for n in sys.modules if n == "pyodide_js" or n.startswith("pyodide_js.")]:',
        '    del sys.modules[_name]',
        'import workers._sandbox',
        'workers._sandbox.install()',
      ].join('\n'),
      { globals: scope },
    );
  } finally {
    scope.destroy();
  }
}
