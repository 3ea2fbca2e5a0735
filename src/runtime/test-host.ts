/**
 * The bridge the test runner (test-session.ts) uses (workers/_test_host.py holds the contract): load test files
 * with their asserts rewritten, import their sibling files and conftest.py, collect their test items, run one
 * with its fixtures, wake the `workers.testing` waits at idle points, tear fixtures down.
 */
import type { PyodideAPI } from 'pyodide';
import type { PyCallable } from 'pyodide/ffi';
import type { ModuleLoadError } from './python-runtime';

/** One test item of a loaded test file: a `test_*` function, once per `parametrize` row (`test_add[1-2]`). */
export interface TestItem {
  name: string;
  line: number;
  /** Why it is skipped (a `skip`/`skipif` mark), or null. */
  skip: string | null;
  /** Marked `pytest.mark.shared_env`: shares its env storage with the file's other tests so marked. */
  sharedEnv?: boolean;
}

/** Why a test failed (or was skipped): the exception, the line of the test file it came from, the traceback. */
export interface TestFailure {
  name: string;
  /** For an `AssertionError` its message (`assert 42 == 43`); a skip's reason; else `Type: message`. */
  message: string;
  line: number | null;
  traceback: string;
}

/** How one test ended, with what it printed (its own prints and its workflows'). */
export interface TestEnd {
  outcome: 'passed' | 'failed' | 'skipped';
  failure: TestFailure | null;
  output: string;
  /** Of each instance the test created through `workers.testing`: the file its workflow class is defined in. */
  files?: Record<string, string | null>;
  /** Of each workflow of the test file (by workflowName): the file its class is defined in. */
  classFiles?: Record<string, string | null>;
}

/** What the test's Python reaches through `workers.testing`. */
export interface TestCallbacks {
  /** `{status, output, error, runs, steps}` of an instance as JSON text. */
  journal(instanceId: string): Promise<string>;
  finished(end: TestEnd): void;
  /** A promise that resolves after `ms` on the test's virtual clock (`asyncio.sleep` in test code). */
  timer?(ms: number): Promise<void>;
}

/** A Python file by name and source text. */
export interface SourceFile {
  filename: string;
  source: string;
}

/** The test host of one Pyodide (with the runtime installed). */
export interface TestHost {
  /** While `fn` runs, modules loaded through the runtime get their asserts rewritten. */
  rewriting<T>(fn: () => T): T;
  /** Where `import NAME` in a test file finds a sibling file; forgets the siblings, conftests and notes so far. */
  setSources(lookup: (moduleName: string) => SourceFile | undefined): void;
  /** Imports a conftest.py; the error when it does not load. */
  loadConftest(file: SourceFile): ModuleLoadError | null;
  /** The test items of the newest module loaded from `filename`, with the fixtures of these conftest files (or
   * why they cannot be collected, e.g. a `parametrize` row of the wrong length). */
  collect(filename: string, conftests: readonly string[]): TestItem[] | { error: string };
  start(filename: string, name: string, callbacks: TestCallbacks): void;
  /** Tears down the module fixtures (after a file's last test) or the session's; a teardown's failure. */
  finishScope(scope: 'module' | 'session', filename: string): Promise<TestFailure | null>;
  /** What the running test printed so far. */
  captured(): string;
  /** The pytest features met that the shim does not run, each once. */
  unsupported(): string[];
  /** Wakes the pending `wait_for_*` calls; how many it woke. */
  idle(): number;
  /** What the pending `wait_for_*` calls wait for. */
  waiting(): string[];
  /** Cancels what the last test left waiting (and the test itself, when it still runs). */
  reset(): void;
  /**
   * While `fn` loads one test file, `env.<binding>` of each declared workflow binding creates instances of its
   * class, imported from `module` (a sibling file) when the test file does not define or import it.
   */
  withWorkflowBindings<T>(declared: readonly DeclaredWorkflow[], fn: () => T): T;
}

/** A workflow binding a test folder's wrangler.jsonc declares; `module`: the sibling that defines the class. */
export interface DeclaredWorkflow {
  binding: string;
  className: string;
  module: string | null;
}

/** The test host of `pyodide` (whose runtime must be installed: `createPythonRuntime`). */
export function createTestHost(pyodide: PyodideAPI): TestHost {
  const fn = (name: string) => pyodide.pyimport(`workers._test_host.${name}`) as PyCallable;
  const f = {
    setRewriting: fn('set_rewriting'),
    setSources: fn('set_sources'),
    loadConftest: fn('load_conftest'),
    collect: fn('collect_tests'),
    start: fn('start_test'),
    finishScope: fn('finish_scope'),
    captured: fn('captured'),
    unsupported: fn('unsupported'),
    idle: fn('idle'),
    waiting: fn('waiting'),
    reset: fn('reset'),
  };
  const declare = pyodide.pyimport('workers._test_workflows.declare') as PyCallable;
  const bindingsOf = pyodide.pyimport('workers._test_workflows.bindings_of') as PyCallable;
  const host = pyodide.pyimport('workers._host');
  return {
    withWorkflowBindings(declared, run) {
      if (declared.length === 0) return run();
      declare(JSON.stringify(declared));
      host.declared_bindings = bindingsOf;
      try {
        return run();
      } finally {
        host.declared_bindings = undefined;
        declare('[]');
      }
    },
    rewriting(run) {
      f.setRewriting(true);
      try {
        return run();
      } finally {
        f.setRewriting(false);
      }
    },
    setSources(lookup) {
      f.setSources((name: string) => {
        const found = lookup(name);
        return found === undefined ? undefined : JSON.stringify([found.filename, found.source]);
      });
    },
    loadConftest(file) {
      const reply = JSON.parse(f.loadConftest(file.source, file.filename) as string) as
        | { ok: true }
        | ({ ok: false } & ModuleLoadError);
      if (reply.ok) return null;
      const { ok: _ok, ...error } = reply;
      return error;
    },
    collect: (filename, conftests) => JSON.parse(f.collect(filename, JSON.stringify(conftests)) as string),
    start(filename, name, callbacks) {
      f.start(filename, name, {
        journal: (id: string) => callbacks.journal(id),
        finished: (json: string) => callbacks.finished(JSON.parse(json) as TestEnd),
        ...(callbacks.timer && { timer: callbacks.timer }),
      });
    },
    finishScope: (scope, filename) =>
      new Promise((resolve) => {
        f.finishScope(scope, filename, { finished: (json: string) => resolve(JSON.parse(json)) });
      }),
    captured: () => f.captured() as string,
    unsupported: () => JSON.parse(f.unsupported() as string) as string[],
    idle: () => f.idle() as number,
    waiting: () => JSON.parse(f.waiting() as string) as string[],
    reset: () => void f.reset(),
  };
}
