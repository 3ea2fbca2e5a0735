/**
 * What workflow code sees as JavaScript. Pyodide's `js` module is normally the host's whole global scope: in the
 * executor worker that is IndexedDB, OPFS, the worker's own `postMessage` and every network API; in the CLI,
 * Node's `process`. Workflow code is untrusted (a share link or a sample runs someone else's code), so Pyodide
 * is loaded with `jsglobals: createWorkflowGlobals(...)` instead: an object holding only what workflows need
 * (the JS built-ins, `console`, typed arrays, text and URL classes, `Response`/`Request`/`Headers`, timers and
 * a gated `fetch`), read-only, that refuses by name anything else the host's global scope has.
 */

/** Why workflow code is refused something; the second half of every refusal message. */
export const SANDBOX_REASON = 'the studio keeps its data out of reach of the code it runs';

/** The one refusal message: `workflow code cannot use js.indexedDB in the studio: <reason>`. */
export function refusalMessage(what: string): string {
  return `workflow code cannot use ${what} in the studio: ${SANDBOX_REASON}`;
}

/**
 * The error workflow code gets for a refused name. It is named `NonRetryableError` (the engine matches by name),
 * so a step that hits it fails at once instead of being retried for minutes: asking again is refused again.
 */
export function refusalError(what: string): Error {
  const error = new Error(refusalMessage(what));
  error.name = 'NonRetryableError';
  return error;
}

/** Built-ins workflow code gets as they are: values, classes and functions that reach no storage or channel. */
export const SHARED_BUILTINS = [
  'Object',
  'Array',
  'JSON',
  'Date',
  'Math',
  'Promise',
  'Number',
  'String',
  'Boolean',
  'Symbol',
  'BigInt',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'WeakRef',
  'RegExp',
  'Intl',
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'Reflect',
  'Proxy',
  'ArrayBuffer',
  'DataView',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'TextEncoder',
  'TextDecoder',
  'URL',
  'URLSearchParams',
  'Response',
  'Request',
  'Headers',
  'FormData',
  'Blob',
  'AbortController',
  'AbortSignal',
  'crypto',
  'atob',
  'btoa',
  'structuredClone',
  'queueMicrotask',
  'encodeURIComponent',
  'decodeURIComponent',
  'encodeURI',
  'decodeURI',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'NaN',
  'Infinity',
] as const;

/**
 * Names refused even where the host has no such global (`require` in an ES module, `window` in a worker), so the
 * answer does not depend on the host: the global object under every alias, code evaluation, storage, channels.
 */
export const ALWAYS_REFUSED = [
  'self',
  'globalThis',
  'window',
  'global',
  'frames',
  'parent',
  'top',
  'document',
  'process',
  'require',
  'module',
  'exports',
  'Deno',
  'Bun',
  'eval',
  'Function',
  'importScripts',
  'indexedDB',
  'navigator',
  'caches',
  'localStorage',
  'sessionStorage',
  'XMLHttpRequest',
  'WebSocket',
  'EventSource',
  'BroadcastChannel',
  'MessageChannel',
  'Worker',
  'SharedWorker',
  'postMessage',
  'onmessage',
  'addEventListener',
  'close',
  'location',
] as const;

/** What a workflow scope is built from. */
export interface WorkflowGlobalsOptions {
  /** The only way out to the network: the network gate (`createNetworkGate`). */
  fetch: (input: unknown, init?: unknown) => Promise<unknown>;
  /** The host's global scope: built-ins are taken from it and its other names refused. Default: `globalThis`. */
  realm?: object;
  /** Names the host adds for workflow code (tests' hooks); never a handle to the host's storage or channels. */
  extra?: Readonly<Record<string, unknown>>;
}

const SCOPE_MARK = Symbol('workflow-globals');
const isDunder = (key: string) => key.length > 4 && key.startsWith('__') && key.endsWith('__');

/**
 * A read-only object that hands out `entries`, refuses (throws {@link refusalError}) the names `refused(key)`
 * accepts, and answers `undefined` otherwise. Python's import machinery sets `__spec__`, `__loader__` and the
 * like on a module it imports; those dunder names may be set (on this object only), nothing else may.
 */
export function createRefusingScope(
  label: string,
  entries: Record<string, unknown>,
  refused: (key: string) => boolean,
): object {
  const target: Record<string | symbol, unknown> = Object.create(Object.freeze(Object.create(null)));
  Object.assign(target, entries);
  const own = (key: string | symbol) => Object.hasOwn(target, key);
  const refuseChange = (key: string | symbol): never => {
    throw refusalError(`a change to ${label}.${String(key)}`);
  };
  return new Proxy(target, {
    get(t, key) {
      if (key === SCOPE_MARK) return true;
      if (typeof key === 'symbol' || own(key)) return t[key];
      if (refused(key)) throw refusalError(`${label}.${key}`);
      return undefined;
    },
    has: (_t, key) => own(key) || (typeof key === 'string' && refused(key)),
    set(t, key, value) {
      // Python's importer sets a submodule on its parent (`pyodide_js._api`): the same value is no change.
      if (own(key) && t[key] === value) return true;
      if (typeof key === 'symbol' || !isDunder(key)) refuseChange(key);
      t[key] = value;
      return true;
    },
    defineProperty: (_t, key) => refuseChange(key),
    deleteProperty(t, key) {
      if (typeof key === 'symbol' || !isDunder(key)) refuseChange(key);
      return delete t[key];
    },
    setPrototypeOf: (_t, _proto) => refuseChange('__proto__'),
    preventExtensions: () => false,
  });
}

/** True for an object made by {@link createWorkflowGlobals} (also seen through a proxy that forwards `get`). */
export function isWorkflowGlobals(value: unknown): boolean {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  try {
    return (value as Record<symbol, unknown>)[SCOPE_MARK] === true;
  } catch {
    return false;
  }
}

/** The object to pass as Pyodide's `jsglobals` (see the module comment). */
export function createWorkflowGlobals(options: WorkflowGlobalsOptions): object {
  const realm = (options.realm ?? globalThis) as Record<string, unknown>;
  const entries: Record<string, unknown> = {};
  for (const name of SHARED_BUILTINS) if (name in realm) entries[name] = realm[name];
  entries.fetch = options.fetch;
  entries.console = workflowConsole(realm.console as Console);
  Object.assign(entries, workflowTimers(realm), options.extra);
  return createRefusingScope('js', entries, hostNames(realm, ALWAYS_REFUSED));
}

const OBJECT_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * A refusal test: the names `host` has (own or inherited, as a worker's `indexedDB` is), plus `always`; not the
 * names every object has (`constructor`, `toString`: Pyodide reads them to describe a JS object) nor dunders.
 */
export function hostNames(host: object, always: Iterable<string> = []): (key: string) => boolean {
  const listed = new Set(always);
  return (key) => listed.has(key) || (key in host && !OBJECT_KEYS.has(key) && !isDunder(key));
}

/** `console` as closures: the host's console object can hold more (Node's holds the process's streams). */
function workflowConsole(host: Console): Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'> {
  return {
    log: (...args) => host.log(...args),
    info: (...args) => host.info(...args),
    warn: (...args) => host.warn(...args),
    error: (...args) => host.error(...args),
    debug: (...args) => host.debug(...args),
  };
}

type TimerFn = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => unknown;

/**
 * Timers with numeric ids: Node's `setTimeout` returns a `Timeout` object linked to every other timer of the
 * process (the host's too), so workflow code gets a number, as in a browser, and never the host's handle.
 */
function workflowTimers(realm: Record<string, unknown>): Record<string, unknown> {
  const handles = new Map<number, unknown>();
  let next = 0;
  const start =
    (set: TimerFn, repeat: boolean) =>
    (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      // A browser's setTimeout("code") evaluates the string in the global scope; here it is refused at once.
      if (typeof callback !== 'function') throw refusalError('js.setTimeout with code in a string');
      next += 1;
      const id = next;
      handles.set(
        id,
        set(
          (...a: unknown[]) => {
            if (!repeat) handles.delete(id);
            callback(...a);
          },
          ms,
          ...args,
        ),
      );
      return id;
    };
  const stop = (clear: (handle: unknown) => void) => (id: unknown) => {
    if (typeof id !== 'number' || !handles.has(id)) return;
    clear(handles.get(id));
    handles.delete(id);
  };
  const fn = (name: string) => (realm[name] as (...a: unknown[]) => unknown).bind(realm);
  return {
    setTimeout: start(fn('setTimeout') as TimerFn, false),
    setInterval: start(fn('setInterval') as TimerFn, true),
    clearTimeout: stop(fn('clearTimeout')),
    clearInterval: stop(fn('clearInterval')),
  };
}
