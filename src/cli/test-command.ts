/**
 * `workflow-studio test [PATHS…]`: runs the `test_*` functions of `test_*.py` files, each on a fresh engine on
 * a virtual clock, with one Pyodide for the whole run. Asserts are rewritten to show the compared values;
 * `workers.testing` (src/runtime/python/workers/testing.py) gives tests workflow instances to drive.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryBindingStore, type EnvDeclaration, summarizeJournal } from '../engine';
import { buildJournalFile, serializeJournalFile } from '../export';
import {
  createEnvBindings,
  createTestHost,
  createTestSession,
  type LoadedTestFile,
  type TestCaseResult,
} from '../runtime';
import type { EnvBindings } from '../runtime/bindings/env-bindings';
import { nodeSql } from '../runtime/bindings/node-sql';
import { BadInput, readWorkflowSource } from './bad-input';
import { parseCommandArgs, readProblem } from './command-args';
import { readEnvFile } from './env-file';
import type { CliDeps, CliIo } from './run-command';
import { conftestFiles, discoverTestFiles, matchesK, siblingFile } from './test-discovery';
import { declaredWorkflows, findTestConfig, freshTestEnv, readTestConfig, type TestEnvConfig } from './test-env';
import { formatTestReport, type TestResult, toJunit, toTestReport } from './test-report';

export const TEST_USAGE = `Usage: workflow-studio test [PATHS...] [-k PATTERN] [--json] [--junit FILE] [--timeout SECONDS] [--env FILE]

Runs the test_* functions (async or not) of every test_*.py file under PATHS (default: the current folder),
each on a fresh engine on a virtual clock. A failed assert shows the compared values (assert 42 == 43).
From a test, \`from workers.testing import create\` creates an instance of a workflow class of the file (or of a
sibling file it imports: from order_workflow import OrderWorkflow). \`import pytest\` works: marks (asyncio,
parametrize, skip, skipif, usefixtures), raises, approx, skip, fail, fixtures and conftest.py.

  -k PATTERN          run only tests whose FILE::NAME contains PATTERN (case-insensitive)
  --json              print one JSON object {passed, failed, durationMs, tests: [...]}
  --junit FILE        also write a JUnit XML report to FILE
  --timeout SECONDS   wall-time limit per test (default 10)
  --env FILE          self.env bindings for the files' workflows and for workers.env in tests (as run --env);
                      their contents live in memory, shared by every test of the call

Exit codes: 0 all passed (or skipped), 1 a test failed, 2 bad input (a test file that does not load, no tests found).`;

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
  // Each test file's wrangler.jsonc (read once per config file): its bindings, fresh for every test.
  const configs = new Map<string, TestEnvConfig>();
  const configOf = new Map<string, TestEnvConfig>();
  for (const file of files) {
    const path = findTestConfig(file, paths);
    if (path === undefined) continue;
    if (!configs.has(path)) configs.set(path, readTestConfig(path));
    configOf.set(file, configs.get(path) as TestEnvConfig);
  }
  // The env the tests of a file marked pytest.mark.shared_env share (the others get fresh storage each).
  const sharedEnvs = new Map<string, EnvBindings>();
  const { runtime, pyodide } = await o.deps.python();
  const session = createTestSession({
    runtime,
    tests: createTestHost(pyodide),
    start: () => o.deps.now(),
    wallNow: () => o.deps.now(),
    defer: (cb) => setImmediate(cb),
    timeoutMs: o.timeoutMs,
    sibling: siblingFile,
    ...(o.env ? { env: sessionEnv(o.env) } : {}),
    testEnv: (file, shared) => {
      const config = configOf.get(file);
      if (!config) return undefined;
      if (!shared) return freshTestEnv(config, () => o.deps.now());
      const env = sharedEnvs.get(file) ?? freshTestEnv(config, () => o.deps.now());
      sharedEnvs.set(file, env);
      return env;
    },
    workflows: (file) => {
      const config = configOf.get(file);
      return config ? declaredWorkflows(config, file) : [];
    },
  });
  // Collect first: a file that does not load is bad input before any test runs.
  const plan: LoadedTestFile[] = [];
  for (const file of files) {
    const source = { filename: file, source: readWorkflowSource(file) };
    const conftests = conftestFiles(file, paths).map((c) => ({ filename: c, source: readWorkflowSource(c) }));
    const loaded = session.load(source, conftests);
    if (!loaded.ok) {
      if (loaded.error === undefined) throw new BadInput(`${loaded.filename}: cannot collect: ${loaded.collect}`);
      const { name, message, line, column, kind } = loaded.error;
      const where = line === null ? loaded.filename : `${loaded.filename}:${line}${column ? `:${column}` : ''}`;
      const hint = kind === 'syntax' ? 'fix the syntax and test again' : 'the module failed while being imported';
      throw new BadInput(`${where}: ${name}: ${message} (${hint})`);
    }
    const items = loaded.file.items.filter((t) => matchesK(`${file}::${t.name}`, o.k));
    if (items.length > 0 || (loaded.file.skipped !== null && matchesK(file, o.k))) {
      plan.push({ ...loaded.file, items });
    } else {
      loaded.file.module?.dispose();
    }
  }
  if (plan.length === 0) {
    const where = files.length === 0 ? 'no test_*.py files' : `no test_* functions${o.k ? ` matching -k ${o.k}` : ''}`;
    throw new BadInput(`no tests found: ${where} in ${paths.length ? paths.join(', ') : '.'}`);
  }
  const started = Date.now();
  const results: TestResult[] = [];
  let journals: string | undefined;
  const keep = (r: TestCaseResult): TestResult => {
    const instances = r.instances.map(({ events, ...i }) => {
      if (r.outcome !== 'failed') return i;
      journals ??= mkdtempSync(join(tmpdir(), 'workflow-studio-test-'));
      const path = join(journals, `${i.id.replace(/[^A-Za-z0-9._-]/g, '_')}.journal.json`);
      const exported = buildJournalFile({
        instance: summarizeJournal(events),
        events,
        exportedAt: new Date().toISOString(),
      });
      mkdirSync(journals, { recursive: true });
      writeFileSync(path, serializeJournalFile(exported));
      return { ...i, journal: path };
    });
    return { ...r, instances };
  };
  for (const file of plan) {
    if (file.skipped !== null) {
      results.push({
        file: file.filename,
        name: '*',
        line: 0,
        outcome: 'skipped',
        durationMs: 0,
        output: '',
        failure: { name: 'Skipped', message: file.skipped, line: null, traceback: '' },
        instances: [],
      });
    }
    for (const item of file.items) results.push(keep(await session.run(file, item)));
    const teardown = await session.finishFile(file);
    if (teardown) results.push(keep(teardown));
  }
  const end = await session.finish();
  if (end.teardown) results.push(keep(end.teardown));
  const ignored = [...configs.values()].flatMap((c) =>
    c.ignored.map((section) => `${section} bindings (declared in ${c.file}; tests here get none)`),
  );
  const report = toTestReport(results, Date.now() - started, [...end.unsupported, ...ignored]);
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

/** `--env`: the bindings of the whole call, in memory, on the session's clock. */
const sessionEnv = (env: EnvDeclaration) => (now: () => number) =>
  createEnvBindings({ env, store: createMemoryBindingStore(), scope: 'test', sql: nodeSql, now });
