/**
 * Runs Python test files on one runtime, for `workflow-studio test` and the studio's Tests panel alike. Each
 * file is imported once (asserts rewritten); each test gets a fresh engine with a memory journal on its own
 * virtual clock, so sleeps, retry delays and timeouts take no time, and ends with what it printed and the
 * journals of the instances it created.
 */

import type { Mocks } from '../engine';
import {
  type Clock,
  callOutline,
  createEngine,
  createMemoryJournalStore,
  createVirtualClock,
  type Engine,
  type InstanceView,
  type JournalEvent,
  type JournalStore,
  reduceJournal,
  type VirtualClock,
  viewOutline,
} from '../engine';
import type { EnvBindings } from './bindings/env-bindings';
import type { ModuleLoadError, PythonRuntime } from './python-runtime';
import type { DeclaredWorkflow, SourceFile, TestEnd, TestFailure, TestHost, TestItem } from './test-host';
import type { WorkflowModule } from './workflow-module';

/** An instance a test created: its journal, to replay or show. */
export interface TestInstance {
  id: string;
  workflowName: string;
  status: string;
  /** The file defining its workflow class (null when not known). */
  file: string | null;
  events: JournalEvent[];
}

/** One test's outcome. */
export interface TestCaseResult {
  file: string;
  /** The item's name: `test_add`, or `test_add[1-2]` for a parametrize row; `*` for a file skipped whole. */
  name: string;
  line: number;
  outcome: 'passed' | 'failed' | 'skipped';
  /** Wall time in milliseconds. */
  durationMs: number;
  /** A failure (or a skip's reason): the exception's name, the message the user reads, the line, the traceback. */
  failure: TestFailure | null;
  /** What the test printed, its workflows' steps included. */
  output: string;
  instances: TestInstance[];
}

/** A loaded test file: its items, until {@link TestSession.finishFile}. */
export interface LoadedTestFile {
  filename: string;
  items: TestItem[];
  /** Why the whole file is skipped (`pytest.skip(..., allow_module_level=True)`), or null. */
  skipped: string | null;
  module: WorkflowModule | null;
}

export interface TestSessionOptions {
  runtime: PythonRuntime;
  tests: TestHost;
  /** Where each test's virtual clock starts (ms epoch). */
  start(): number;
  /** Wall time for the journals. */
  wallNow(): number;
  /** The engine's `defer` (setImmediate in Node, a message channel in a worker). */
  defer(cb: () => void): void;
  /** Wall-time limit per test. */
  timeoutMs: number;
  /** The file `import NAME` in `testFile` means (a sibling of it), if any. */
  sibling(name: string, testFile: string): SourceFile | undefined;
  /**
   * `self.env` KV, D1, R2 bindings, vars and secrets for the files' workflows and for `workers.env` in tests
   * (`test --env`), made once on the session's clock: one store for every test of the session.
   */
  env?(now: () => number): EnvBindings;
  /**
   * The KV, D1, R2 bindings, vars and secrets for one test of `testFile` (its folder's wrangler.jsonc), on fresh
   * storage: called as each test starts (`shared`: the test is marked `shared_env`, so the host may hand back
   * the env of the file's earlier such test). Undefined: the session's `env`, if any.
   */
  testEnv?(testFile: string, shared: boolean): EnvBindings | undefined;
  /** The workflow bindings `testFile`'s folder declares (wrangler.jsonc `workflows`); absent: none. */
  workflows?(testFile: string): readonly DeclaredWorkflow[];
  /**
   * The `self.env` and mocks of one test file's tests (the studio's Tests panel: those of the workflow files it
   * imports); in place of `env` for that file. `env` is called at the start of each test: fresh storage per test.
   */
  fileEnv?(testFile: string): TestFileEnv | undefined;
}

/** What {@link TestSessionOptions.fileEnv} gives one test file. */
export interface TestFileEnv {
  /** The file's mocks (HTTP rules, step results, scripted events), for every test of the file. */
  mocks?: Mocks;
  /** New bindings on the test's clock (`now`), with empty storage. */
  env?(now: () => number): EnvBindings;
}

export interface TestSession {
  /** Imports a test file (and its conftest files, closest first) and collects its items; the error if either fails. */
  load(file: SourceFile, conftests: readonly SourceFile[]): { ok: true; file: LoadedTestFile } | LoadFailure;
  run(file: LoadedTestFile, item: TestItem): Promise<TestCaseResult>;
  /** Tears the file's module fixtures down and unloads it; a teardown failure as a failed result. */
  finishFile(file: LoadedTestFile): Promise<TestCaseResult | null>;
  /** Tears the session fixtures down; the pytest features met that were not run, each once. */
  finish(): Promise<{ teardown: TestCaseResult | null; unsupported: string[] }>;
}

/** A file that cannot run: it (or a conftest.py) does not import, or its tests cannot be collected. */
export type LoadFailure =
  | { ok: false; filename: string; error: ModuleLoadError; collect?: undefined }
  | { ok: false; filename: string; error?: undefined; collect: string };

/** A clock that forwards to the running test's clock (modules are loaded once, each test has its own). */
function forwardingClock(current: () => VirtualClock): VirtualClock {
  return {
    now: () => current().now(),
    setTimer: (at, cb) => current().setTimer(at, cb),
    advanceTo: (ms) => current().advanceTo(ms),
    advanceBy: (ms) => current().advanceBy(ms),
    nextTimerAt: () => current().nextTimerAt(),
  };
}

/** A memory store that counts its writes (the driver's "did anything happen" test). */
type CountedStore = JournalStore & { writes(): number };
function counted(): CountedStore {
  const store = createMemoryJournalStore();
  let writes = 0;
  return {
    ...store,
    append: (...args) => {
      writes++;
      return store.append(...args);
    },
    writes: () => writes,
  };
}

export function createTestSession(o: TestSessionOptions): TestSession {
  const { runtime, tests } = o;
  let clock: VirtualClock = createVirtualClock(o.start());
  let engine: Engine | undefined;
  let loadingFile = '';
  const conftestsLoaded = new Set<string>();
  const sharedClock: Clock = forwardingClock(() => clock);
  const envBindings = o.env?.(() => sharedClock.now());
  /** The bindings `self.env` reads now: the running test's own, else the session's. */
  let testBindings: EnvBindings | undefined;
  const currentEnv = () => testBindings ?? envBindings;
  tests.setSources((name) => o.sibling(name, loadingFile));

  const result = (file: string, name: string, line: number, t0: number): TestCaseResult => ({
    file,
    name,
    line,
    outcome: 'passed',
    durationMs: Date.now() - t0,
    failure: null,
    output: '',
    instances: [],
  });
  const failed = (file: string, failure: TestFailure | null, name: string): TestCaseResult | null =>
    failure && { ...result(file, name, failure.line ?? 0, Date.now()), outcome: 'failed', failure };

  return {
    load(file, conftests) {
      loadingFile = file.filename;
      const fileEnv = o.fileEnv?.(file.filename);
      for (const c of [...conftests].reverse()) {
        if (conftestsLoaded.has(c.filename)) continue;
        const error = tests.loadConftest(c);
        if (error) return { ok: false, filename: c.filename, error };
        conftestsLoaded.add(c.filename);
      }
      const loaded = tests.rewriting(() =>
        tests.withWorkflowBindings(o.workflows?.(file.filename) ?? [], () =>
          runtime.loadModule({
            source: file.source,
            filename: file.filename,
            clock: sharedClock,
            binding: (name) => {
              if (!engine) throw new Error('workflow bindings work only while a test runs');
              return engine.binding(name);
            },
            env: currentEnv,
            ...(fileEnv?.mocks ? { mocks: fileEnv.mocks } : {}),
          }),
        ),
      );
      if (!loaded.ok) {
        if (loaded.error.name === 'Skipped') {
          const skipped = loaded.error.message;
          return { ok: true, file: { filename: file.filename, items: [], skipped, module: null } };
        }
        return { ok: false, filename: file.filename, error: loaded.error };
      }
      const items = tests.collect(
        file.filename,
        conftests.map((c) => c.filename),
      );
      if (!Array.isArray(items)) {
        loaded.module.dispose();
        return { ok: false, filename: file.filename, collect: items.error };
      }
      return { ok: true, file: { filename: file.filename, items, skipped: null, module: loaded.module } };
    },

    async run(file, item) {
      const t0 = Date.now();
      const base = result(file.filename, item.name, item.line, t0);
      const { module } = file;
      if (!module) return base;
      loadingFile = file.filename;
      clock = createVirtualClock(o.start());
      testBindings =
        o.testEnv?.(file.filename, item.sharedEnv === true) ??
        o.fileEnv?.(file.filename)?.env?.(() => sharedClock.now());
      const store = counted();
      engine = createEngine({
        store,
        clock,
        resolveWorkflow: (name) => module.body(name),
        wallNow: o.wallNow,
        defer: o.defer,
        hostActivity: (run) => runtime.activity(run), // Python between two engine calls is work too
      });
      try {
        const { files, classFiles, ...end } = await drive(engine, clock, store, file.filename, item.name, t0);
        const instances: TestInstance[] = [];
        for (const summary of await store.listInstances()) {
          instances.push({
            id: summary.id,
            workflowName: summary.workflowName,
            status: summary.status,
            file: files?.[summary.id] ?? classFiles?.[summary.workflowName] ?? null,
            events: await store.read(summary.id),
          });
        }
        return { ...base, ...end, durationMs: Date.now() - t0, instances };
      } finally {
        tests.reset();
        engine.dispose();
        engine = undefined;
        testBindings = undefined;
      }
    },

    async finishFile(file) {
      const failure = await tests.finishScope('module', file.filename);
      file.module?.dispose();
      return failed(file.filename, failure, '(module fixtures teardown)');
    },

    async finish() {
      const failure = await tests.finishScope('session', '');
      return { teardown: failed('', failure, '(session fixtures teardown)'), unsupported: tests.unsupported() };
    },
  };

  /**
   * Starts the test and drives the virtual clock until it ends: at each idle point the `wait_for_*` calls look
   * again (as long as that makes the engine write), then time jumps to the next timer. A test waiting when no
   * timer is left, or past its wall-time limit, fails with what it waits for.
   */
  async function drive(
    engine: Engine,
    clock: VirtualClock,
    store: CountedStore,
    filename: string,
    name: string,
    t0: number,
  ): Promise<TestEnd> {
    let end: TestEnd | undefined;
    tests.start(filename, name, {
      journal: async (id) => JSON.stringify(testJournal(reduceJournal(await store.read(id)))),
      finished: (e) => {
        end = e;
      },
      timer: (ms) => new Promise<void>((resolve) => void clock.setTimer(clock.now() + ms, resolve)),
    });
    for (;;) {
      await engine.settle();
      while (end === undefined && tests.idle() > 0) {
        const before = store.writes();
        await engine.settle();
        if (store.writes() === before) break;
      }
      if (end !== undefined) return end;
      if (Date.now() - t0 > o.timeoutMs) return stuck(`timed out after ${o.timeoutMs / 1000} s (--timeout)`);
      if ((currentEnv()?.pending() ?? 0) > 0) {
        // A binding call awaits storage or sql.js, which the engine cannot see: time must not move meanwhile.
        await new Promise<void>((resolve) => setTimeout(resolve, 1));
        continue;
      }
      const next = clock.nextTimerAt();
      if (next === undefined)
        return stuck('the test waits, but nothing is left to happen (no timer, no event on its way)');
      clock.advanceTo(next);
      await new Promise<void>((resolve) => o.defer(resolve));
    }
  }

  function stuck(why: string): TestEnd {
    const waits = tests.waiting();
    const message = `${why}${waits.length ? `; waiting in ${waits.join(', ')}` : ''}`;
    return {
      outcome: 'failed',
      failure: { name: 'Timeout', message, line: null, traceback: '' },
      output: tests.captured(),
    };
  }
}

/** What `instance.journal()` returns: status, output, error, runs, and each call with its attempts and result. */
export function testJournal(view: InstanceView) {
  const current = view.calls.filter((c) => c.generation === view.generation);
  return {
    ...viewOutline(view),
    runs: view.runs.length,
    steps: current.map((c) => ({
      ...callOutline(c),
      result: c.kind === 'do' ? c.result : null,
      error: c.kind === 'do' && c.error ? { name: c.error.name, message: c.error.message } : null,
    })),
  };
}
