/**
 * The bridge `workflow-studio test` uses (workers/_test_host.py holds the contract): load test files with their
 * asserts rewritten, list their `test_*` functions, start one, wake the `workers.testing` waits at idle points.
 */
import type { PyodideAPI } from 'pyodide';
import type { PyCallable } from 'pyodide/ffi';

/** One `test_*` function of a loaded test file. */
export interface TestFunction {
  name: string;
  line: number;
}

/** Why a test failed: the exception, the line of the test file it came from, and the traceback. */
export interface TestFailure {
  name: string;
  /** For an `AssertionError` its message (`assert 42 == 43`); else `Type: message`. */
  message: string;
  line: number | null;
  traceback: string;
}

/** What the test's Python reaches through `workers.testing`. */
export interface TestCallbacks {
  /** `{status, output, error, runs, steps}` of an instance as JSON text. */
  journal(instanceId: string): Promise<string>;
  passed(): void;
  failed(failure: TestFailure): void;
}

/** The test host of one Pyodide (with the runtime installed). */
export interface TestHost {
  /** While `fn` runs, modules loaded through the runtime get their asserts rewritten. */
  rewriting<T>(fn: () => T): T;
  list(filename: string): TestFunction[];
  start(filename: string, name: string, callbacks: TestCallbacks): void;
  /** Wakes the pending `wait_for_*` calls; how many it woke. */
  idle(): number;
  /** What the pending `wait_for_*` calls wait for. */
  waiting(): string[];
  /** Cancels what the last test left waiting. */
  reset(): void;
}

/** The test host of `pyodide` (whose runtime must be installed: `createPythonRuntime`). */
export function createTestHost(pyodide: PyodideAPI): TestHost {
  const fn = (name: string) => pyodide.pyimport(`workers._test_host.${name}`) as PyCallable;
  const setRewriting = fn('set_rewriting');
  const list = fn('list_tests');
  const start = fn('start_test');
  const idle = fn('idle');
  const waiting = fn('waiting');
  const reset = fn('reset');
  return {
    rewriting(run) {
      setRewriting(true);
      try {
        return run();
      } finally {
        setRewriting(false);
      }
    },
    list: (filename) => JSON.parse(list(filename) as string) as TestFunction[],
    start(filename, name, callbacks) {
      start(filename, name, {
        journal: (id: string) => callbacks.journal(id),
        passed: () => callbacks.passed(),
        failed: (json: string) => callbacks.failed(JSON.parse(json) as TestFailure),
      });
    },
    idle: () => idle() as number,
    waiting: () => JSON.parse(waiting() as string) as string[],
    reset: () => void reset(),
  };
}
