import { describe, expect, it, vi } from 'vitest';
import {
  ALWAYS_REFUSED,
  createWorkflowGlobals,
  isWorkflowGlobals,
  refusalMessage,
  SHARED_BUILTINS,
} from './workflow-globals';

const gate = async () => new Response('never');

/** A stand-in for a worker's global scope: storage and channels inherited from its prototype, as in a browser. */
function workerLikeRealm(): Record<string, unknown> {
  const proto = { indexedDB: {}, caches: {}, postMessage: () => {}, importScripts: () => {}, navigator: {} };
  return Object.assign(Object.create(proto), globalThis, { console, someStudioHandle: {} });
}

describe('the workflow scope (Python’s js)', () => {
  it('hands out the shared built-ins as they are, the gate as fetch, and nothing else of the host', () => {
    const scope = createWorkflowGlobals({ fetch: gate }) as Record<string, unknown>;
    for (const name of SHARED_BUILTINS) {
      if (name in globalThis) expect(scope[name], name).toBe((globalThis as Record<string, unknown>)[name]);
    }
    expect(scope.fetch).toBe(gate);
    expect(scope.console).not.toBe(console);
    expect(Object.keys(scope).sort()).toEqual(
      [...SHARED_BUILTINS.filter((n) => n in globalThis), 'fetch', 'console']
        .concat(['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'])
        .sort(),
    );
  });

  it('refuses the host’s other names, inherited ones too, with the one message', () => {
    const scope = createWorkflowGlobals({ fetch: gate, realm: workerLikeRealm() }) as Record<string, unknown>;
    for (const name of ['indexedDB', 'caches', 'postMessage', 'importScripts', 'navigator', 'someStudioHandle']) {
      expect(() => scope[name], name).toThrow(refusalMessage(`js.${name}`));
    }
    for (const name of ALWAYS_REFUSED) expect(() => scope[name], name).toThrow(refusalMessage(`js.${name}`));
    try {
      scope.indexedDB;
    } catch (error) {
      expect((error as Error).name).toBe('NonRetryableError');
    }
  });

  it('answers undefined for names no one has, and for the names every object has (Pyodide reads them)', () => {
    const scope = createWorkflowGlobals({ fetch: gate }) as Record<string, unknown>;
    expect(scope.noSuchName).toBeUndefined();
    expect(scope.constructor).toBeUndefined();
    expect(scope.toString).toBeUndefined();
    expect(scope.then).toBeUndefined();
  });

  it('is read-only, except the dunder names Python’s importer sets on a module', () => {
    const scope = createWorkflowGlobals({ fetch: gate }) as Record<string, unknown>;
    expect(() => {
      scope.fetch = () => {};
    }).toThrow(refusalMessage('a change to js.fetch'));
    expect(() => Object.defineProperty(scope, 'JSON', { value: 1 })).toThrow(refusalMessage('a change to js.JSON'));
    expect(() => delete scope.Object).toThrow(refusalMessage('a change to js.Object'));
    expect(() => Object.setPrototypeOf(scope, {})).toThrow(refusalMessage('a change to js.__proto__'));
    scope.__spec__ = 'spec';
    expect(scope.__spec__).toBe('spec');
    scope.fetch = gate; // the same value is no change (the importer sets a submodule on its parent)
    expect(scope.fetch).toBe(gate);
  });

  it('adds the names a host gives (a test hook), read-only like the rest', () => {
    const hook = () => true;
    const scope = createWorkflowGlobals({ fetch: gate, extra: { hook } }) as Record<string, unknown>;
    expect(scope.hook).toBe(hook);
    expect(() => {
      scope.hook = () => false;
    }).toThrow(refusalMessage('a change to js.hook'));
  });

  it('is recognised by isWorkflowGlobals, also through a proxy that forwards get (Pyodide’s snapshot proxy)', () => {
    const scope = createWorkflowGlobals({ fetch: gate });
    expect(isWorkflowGlobals(scope)).toBe(true);
    expect(isWorkflowGlobals(new Proxy(scope, {}))).toBe(true);
    expect(isWorkflowGlobals(globalThis)).toBe(false);
    expect(isWorkflowGlobals(null)).toBe(false);
  });

  it('gives console as closures and timers with numeric ids, never the host’s handles', () => {
    const log = vi.fn();
    const timers: unknown[] = [];
    const realm = {
      console: { log, info: log, warn: log, error: log, debug: log },
      setTimeout: (cb: () => void) => {
        const handle = { hostTimer: true, cb };
        timers.push(handle);
        return handle;
      },
      clearTimeout: (h: unknown) => timers.splice(timers.indexOf(h), 1),
      setInterval: () => ({ hostTimer: true }),
      clearInterval: () => {},
    };
    const scope = createWorkflowGlobals({ fetch: gate, realm }) as Record<string, unknown>;
    const c = scope.console as Console;
    c.log('a', 1);
    expect(log).toHaveBeenCalledWith('a', 1);
    expect(Object.keys(c)).toEqual(['log', 'info', 'warn', 'error', 'debug']);
    const fired = vi.fn();
    const id = (scope.setTimeout as (cb: () => void, ms: number) => unknown)(fired, 5);
    expect(typeof id).toBe('number');
    const second = (scope.setTimeout as (cb: () => void, ms: number) => unknown)(fired, 5);
    (scope.clearTimeout as (id: unknown) => void)(second);
    expect(timers).toHaveLength(1);
    (timers[0] as { cb: () => void }).cb();
    expect(fired).toHaveBeenCalledTimes(1);
    (scope.clearTimeout as (id: unknown) => void)({ hostTimer: true }); // not an id: ignored
    expect(timers).toHaveLength(1);
    expect(() => (scope.setTimeout as (code: string, ms: number) => unknown)('self.close()', 0)).toThrow(
      refusalMessage('js.setTimeout with code in a string'),
    );
    expect(timers).toHaveLength(1);
  });
});
