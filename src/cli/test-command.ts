/**
 * `workflow-studio test [PATHS…]`: runs the `test_*` functions of `test_*.py` files, each on a fresh engine on
 * a virtual clock, with one Pyodide for the whole run. Asserts are rewritten to show the compared values;
 * `workers.testing` (src/runtime/python/workers/testing.py) gives tests workflow instances to drive.
 */
import { writeFileSync } from 'node:fs';
import {
  createMemoryBindingStore,
  createMemoryJournalStore,
  createVirtualClock,
  type EnvDeclaration,
  type JournalStore,
  reduceJournal,
  type VirtualClock,
} from '../engine';
import { createEnvBindings, createTestHost, type TestFailure, type TestHost } from '../runtime';
import { nodeSql } from '../runtime/bindings/node-sql';
import { BadInput, readWorkflowSource } from './bad-input';
import { parseCommandArgs, readProblem } from './command-args';
import { readEnvFile } from './env-file';
import { type HostedModule, hostModule } from './host-module';
import { toReport } from './report';
import type { CliDeps, CliIo } from './run-command';
import { discoverTestFiles, matchesK } from './test-discovery';
import { formatTestReport, type TestResult, toJunit, toTestReport } from './test-report';

export const TEST_USAGE = `Usage: workflow-studio test [PATHS...] [-k PATTERN] [--json] [--junit FILE] [--timeout SECONDS] [--env FILE]

Runs the test_* functions (async or not) of every test_*.py file under PATHS (default: the current folder),
each on a fresh engine on a virtual clock. A failed assert shows the compared values (assert 42 == 43).
From a test, \`from workers.testing import create\` creates an instance of a workflow class defined in the file.

  -k PATTERN          run only tests whose FILE::NAME contains PATTERN (case-insensitive)
  --json              print one JSON object {passed, failed, durationMs, tests: [...]}
  --junit FILE        also write a JUnit XML report to FILE
  --timeout SECONDS   wall-time limit per test (default 10)
  --env FILE          self.env bindings for the files' workflows and for workers.env in tests (as run --env);
                      their contents live in memory, shared by every test of the call

Exit codes: 0 all passed, 1 a test failed, 2 bad input (a test file that does not load, no tests found).`;

const SPEC = {
  values: { '-k': 'charge', '--junit': 'report.xml', '--timeout': '10', '--env': 'env.jsonc' },
  flags: ['--json'],
};

/** Runs `workflow-studio test <argv>`; returns the exit code. */
export async function runTestCommand(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const args = parseCommandArgs(argv, SPEC);
  if (!args.ok) {
    io.stderr(`${args.message}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(`${TEST_USAGE}\n`);
    return 0;
  }
  try {
    const timeout = Number(args.values.get('--timeout') ?? '10');
    if (!(timeout > 0)) throw new BadInput(`--timeout must be a positive number of seconds, e.g. 10`);
    const envFile = args.values.get('--env');
    return await runTests(args.positional, {
      env: envFile === undefined ? undefined : readEnvFile(envFile),
      k: args.values.get('-k'),
      json: args.flags.has('--json'),
      junit: args.values.get('--junit'),
      timeoutMs: timeout * 1000,
      io,
      deps,
    });
  } catch (e) {
    if (e instanceof BadInput) {
      io.stderr(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

interface TestOptions {
  env: EnvDeclaration | undefined;
  k: string | undefined;
  json: boolean;
  junit: string | undefined;
  timeoutMs: number;
  io: CliIo;
  deps: CliDeps;
}

async function runTests(paths: readonly string[], o: TestOptions): Promise<number> {
  const files = discoverTestFiles(paths);
  const { runtime, pyodide } = await o.deps.python();
  const tests = createTestHost(pyodide);
  const contents = createMemoryBindingStore();
  const host = (source: string, file: string, store: CountedStore, start: number): Booted => {
    const clock = createVirtualClock(start);
    const env =
      o.env && createEnvBindings({ env: o.env, store: contents, scope: 'test', sql: nodeSql, now: () => clock.now() });
    const hosted = tests.rewriting(() =>
      hostModule({
        runtime,
        store,
        clock,
        source,
        filename: file,
        now: () => clock.now(),
        io: o.io,
        again: 'test',
        ...(env ? { env } : {}),
      }),
    );
    return { ...hosted, clock, store, pending: () => env?.pending() ?? 0 };
  };
  // Collect first: a file that does not load is bad input before any test runs.
  const plan: { file: string; source: string; names: { name: string; line: number }[] }[] = [];
  for (const file of files) {
    const source = readWorkflowSource(file);
    const loaded = host(source, file, counted(), o.deps.now());
    try {
      const names = tests.list(file).filter((t) => matchesK(`${file}::${t.name}`, o.k));
      if (names.length > 0) plan.push({ file, source, names });
    } finally {
      loaded.dispose();
    }
  }
  if (plan.length === 0) {
    const where = files.length === 0 ? 'no test_*.py files' : `no test_* functions${o.k ? ` matching -k ${o.k}` : ''}`;
    throw new BadInput(`no tests found: ${where} in ${paths.length ? paths.join(', ') : '.'}`);
  }
  const started = Date.now();
  const results: TestResult[] = [];
  for (const { file, source, names } of plan) {
    for (const { name, line } of names) {
      const t0 = Date.now();
      const failure = await runOne(tests, () => host(source, file, counted(), o.deps.now()), file, name, o);
      results.push({
        file,
        name,
        line,
        outcome: failure ? 'failed' : 'passed',
        durationMs: Date.now() - t0,
        failure,
      });
    }
  }
  const report = toTestReport(results, Date.now() - started);
  if (o.junit !== undefined) {
    try {
      writeFileSync(o.junit, toJunit(report));
    } catch (e) {
      throw new BadInput(`cannot write --junit ${o.junit}: ${readProblem(e)}`);
    }
  }
  o.io.stdout(o.json ? `${JSON.stringify(report)}\n` : formatTestReport(report));
  return report.failed > 0 ? 1 : 0;
}

/** One test's engine and module, its virtual clock and its store; `pending`: binding calls in flight. */
type Booted = HostedModule & { clock: VirtualClock; store: CountedStore; pending(): number };

/** A memory store that counts its writes (the driver's "did anything happen" test). */
type CountedStore = JournalStore & { writes(): number };
function counted(): CountedStore {
  const store = createMemoryJournalStore();
  let writes = 0;
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'writes') return () => writes;
      const value = Reflect.get(target, prop) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (prop === 'append') writes++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as CountedStore;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs one test on its own engine and drives the virtual clock until it ends: at each idle point the
 * `wait_for_*` calls look again (as long as that makes the engine write), then time jumps to the next timer.
 * A test waiting when no timer is left, or past its wall-time limit, fails with what it waits for.
 */
async function runOne(
  tests: TestHost,
  boot: () => Booted,
  file: string,
  name: string,
  o: TestOptions,
): Promise<TestResult['failure']> {
  const hosted = boot();
  const { engine, clock, store } = hosted;
  let outcome: { failure: TestFailure | null } | undefined;
  const t0 = Date.now();
  try {
    tests.start(file, name, {
      journal: async (id) => JSON.stringify(journalOf(reduceJournal(await store.read(id)))),
      passed: () => {
        outcome = { failure: null };
      },
      failed: (failure) => {
        outcome = { failure };
      },
    });
    for (;;) {
      await engine.settle();
      while (outcome === undefined && tests.idle() > 0) {
        const before = store.writes();
        await engine.settle();
        if (store.writes() === before) break;
      }
      if (outcome !== undefined) return outcome.failure;
      if (Date.now() - t0 > o.timeoutMs) return stuck(tests, `timed out after ${o.timeoutMs / 1000} s (--timeout)`);
      if (hosted.pending() > 0) {
        // A binding call awaits storage or sql.js, which the engine cannot see: time must not move meanwhile.
        await delay(1);
        continue;
      }
      const next = clock.nextTimerAt();
      if (next === undefined) {
        return stuck(tests, 'the test waits, but nothing is left to happen (no timer, no event on its way)');
      }
      clock.advanceTo(next);
      await delay(0);
    }
  } finally {
    tests.reset();
    hosted.dispose();
  }
}

function stuck(tests: TestHost, why: string): TestFailure {
  const waits = tests.waiting();
  return {
    name: 'Timeout',
    message: `${why}${waits.length ? `; waiting in ${waits.join(', ')}` : ''}`,
    line: null,
    traceback: '',
  };
}

/** What `instance.journal()` returns: the run report's view plus each step's result and error. */
function journalOf(view: ReturnType<typeof reduceJournal>) {
  const report = toReport(view);
  const current = view.calls.filter((c) => c.generation === view.generation);
  return {
    ...report,
    steps: report.steps.map((s, i) => {
      const call = current[i];
      return call?.kind === 'do'
        ? {
            ...s,
            result: call.result,
            error: call.error ? { name: call.error.name, message: call.error.message } : null,
          }
        : { ...s, result: null, error: null };
    }),
  };
}
