/**
 * The studio's Tests panel, executor side: runs the project's `test_*.py` files on the shared test runner
 * (runtime/test-session.ts: each test on a fresh engine on a virtual clock, off the studio's own engine), then
 * imports each instance a test created into the studio's journal, linked to the file of its workflow, so the
 * panel's link opens its history and graph like any instance.
 */
import type { PyodideAPI } from 'pyodide';
import type { SqlJsStatic } from 'sql.js';
import type { RunTests, TestCaseReport, TestsRan } from '../protocol';
import { createTestHost, createTestSession, type PythonRuntime, type TestCaseResult, type TestHost } from '../runtime';
import type { ExecutorCore } from './executor-core';
import { type TestFileSetup, testFileSetup } from './test-file-env';

export interface StudioTestsDeps {
  runtime: PythonRuntime;
  pyodide: PyodideAPI;
  core: Pick<ExecutorCore, 'importJournal' | 'deleteInstances'>;
  defer(cb: () => void): void;
  /** sql.js for the D1 bindings a test file's workflow files declare (without it, tests get no KV, D1 or R2). */
  sql?: () => Promise<SqlJsStatic>;
  /** Wall-time limit per test (default 10 s). */
  timeoutMs?: number;
}

const TEST_FILE = /^test_.*\.py$/;

/** `runTests(files)`: the answer to `run-tests`. One run at a time (later calls wait for the earlier). */
export function createStudioTests(deps: StudioTestsDeps): (files: RunTests['files']) => Promise<TestsRan> {
  let tests: TestHost | undefined;
  /** Ids this executor imported from test runs: a later run replaces them; any other instance is never touched. */
  const imported = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();

  async function run(files: RunTests['files']): Promise<TestsRan> {
    tests ??= createTestHost(deps.pyodide);
    const started = Date.now();
    const byName = new Map(files.map((f) => [f.name, f]));
    const conftest = byName.get('conftest.py');
    const setups = new Map<string, TestFileSetup>();
    const setupOf = (name: string) => {
      const file = byName.get(name);
      if (!file) return undefined;
      let setup = setups.get(name);
      if (!setup) {
        setup = testFileSetup(file, conftest, byName, deps.sql);
        setups.set(name, setup);
      }
      return setup;
    };
    const session = createTestSession({
      runtime: deps.runtime,
      tests,
      start: () => Date.now(),
      wallNow: () => Date.now(),
      defer: deps.defer,
      timeoutMs: deps.timeoutMs ?? 10_000,
      sibling: (name) => {
        const file = byName.get(`${name}.py`);
        return file && { filename: file.name, source: file.source };
      },
      fileEnv: (testFile) => {
        const setup = setupOf(testFile);
        return setup?.ok ? setup.setup : undefined;
      },
    });
    const conftests = conftest ? [{ filename: conftest.name, source: conftest.source }] : [];
    const reports: TestCaseReport[] = [];
    const testFiles = files.filter((f) => TEST_FILE.test(f.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const f of testFiles) {
      const setup = setupOf(f.name);
      if (setup && !setup.ok) {
        reports.push(whole(f.name, 'failed', { name: 'EnvError', message: setup.message, line: null, traceback: '' }));
        continue;
      }
      const loaded = session.load({ filename: f.name, source: f.source }, conftests);
      if (!loaded.ok) {
        const failure = loaded.error
          ? { ...loaded.error, message: `${loaded.error.name}: ${loaded.error.message}` }
          : { name: 'CollectError', message: `cannot collect: ${loaded.collect}`, line: null, traceback: '' };
        reports.push(whole(loaded.filename, 'failed', failure));
        continue;
      }
      const file = loaded.file;
      if (file.skipped !== null) {
        reports.push(whole(f.name, 'skipped', { name: 'Skipped', message: file.skipped, line: null, traceback: '' }));
      }
      for (const item of file.items) reports.push(await report(await session.run(file, item)));
      const teardown = await session.finishFile(file);
      if (teardown) reports.push(await report(teardown));
    }
    const end = await session.finish();
    if (end.teardown) reports.push(await report(end.teardown));
    return { type: 'tests-ran', tests: reports, unsupported: end.unsupported, durationMs: Date.now() - started };

    async function report({ instances, ...r }: TestCaseResult): Promise<TestCaseReport> {
      const out: TestCaseReport['instances'] = [];
      for (const { events, file, ...i } of instances) {
        const fileId = file === null ? undefined : byName.get(file)?.fileId;
        try {
          if (imported.has(i.id)) await deps.core.deleteInstances([i.id]);
          await deps.core.importJournal(events, fileId);
          imported.add(i.id);
          out.push({ ...i, imported: true });
        } catch (e) {
          out.push({ ...i, imported: false, why: e instanceof Error ? e.message : String(e) });
        }
      }
      return { ...r, instances: out };
    }
  }

  return (files) => {
    const next = queue.then(() => run(files));
    queue = next.catch(() => undefined);
    return next;
  };
}

function whole(file: string, outcome: 'failed' | 'skipped', failure: TestCaseReport['failure']): TestCaseReport {
  return { file, name: '*', line: failure?.line ?? 0, outcome, durationMs: 0, failure, output: '', instances: [] };
}
