/**
 * Every sample really runs on the studio's SDK: each is run through the headless CLI (same engine and Python
 * runtime as the browser, virtual clock) and must end as its explanation says.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { analyzeWorkflow } from '../../analysis';
import { parseMocksText } from '../../export';
import { SAMPLES } from './index';
import { testSourceFor } from './sample-tests';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'bin/workflow-studio.mjs');

interface CliResult {
  status: string;
  output: unknown;
  steps: { name: string; count: number; type: string; attempts: number; outcome: string }[];
  runs: number;
  runOutput: { run: number; text: string }[];
}

/** The CLI boots Pyodide (~1.5 s of CPU); more than one per core only makes every run slower. */
const SLOTS = 2;
let free = SLOTS;
const queue: (() => void)[] = [];
async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (free === 0) await new Promise<void>((resolve) => queue.push(resolve));
  else free--;
  try {
    return await fn();
  } finally {
    const next = queue.shift();
    if (next) next();
    else free++;
  }
}

async function runSample(
  fileName: string,
  params: string,
  events: string[],
  env: string | undefined,
  mocked: boolean,
): Promise<CliResult> {
  const file = path.join(import.meta.dirname, fileName);
  const mocks = mocked ? ['--mocks', file.replace(/\.py$/, '.mocks.json')] : [];
  const args = [BIN, 'run', file, '--json', '--params', params, ...mocks, ...events.flatMap((e) => ['--event', e])];
  if (env !== undefined) {
    const envFile = path.join(mkdtempSync(path.join(tmpdir(), 'sample-env-')), 'env.jsonc');
    writeFileSync(envFile, env);
    args.push('--env', envFile);
  }
  const { stdout } = await run(process.execPath, args, { cwd: ROOT }).catch((e) => e);
  return JSON.parse(stdout) as CliResult;
}

const expectations: Record<string, (r: CliResult) => void> = {
  'hello-world': (r) => expect(r.output).toBe('Hello, Ada!'),
  dag: (r) => expect(r.output).toEqual({ user: 'Ada', total: 42.5, currency: 'EUR' }),
  'fan-in': (r) => expect(r.output).toMatchObject({ best: { supplier: 'south', price: 39 } }),
  retries: (r) => {
    expect(r.output).toBe('stored after 3 attempts');
    expect(r.steps[0]).toMatchObject({ name: 'call_flaky_api', attempts: 3, outcome: 'succeeded' });
  },
  'flaky-api': (r) => {
    expect(r.steps[0]).toMatchObject({ name: 'fetch rates', attempts: 3, outcome: 'succeeded' });
    expect(r.output).toEqual({ eur: 250, usd: 270 });
  },
  'non-retryable': (r) => {
    expect(r.steps[0]).toMatchObject({ name: 'charge_card', attempts: 1, outcome: 'failed' });
    expect(r.output).toMatchObject({ charged: false });
  },
  'sleep-replay': (r) => {
    expect(r.runs).toBe(2);
    expect(r.output).toEqual({ sent: 'Durable execution, explained', count: 1 });
    // The print outside steps runs once per run; the one in draft() ran once (its attempt's logs).
    expect(r.runOutput).toEqual([
      { run: 1, text: 'run() starts from the top\n' },
      { run: 2, text: 'run() starts from the top\n' },
    ]);
  },
  approval: (r) => expect(r.output).toEqual({ approved: true, by: 'ana' }),
  pitfall: (r) => {
    expect(r.output).toEqual({ from_step_result: 1, from_outside_state: 0 });
    expect(r.steps.filter((s) => s.name.startsWith('stamp-'))).toHaveLength(2);
  },
  divergence: (r) => {
    expect(r.runs).toBe(2);
    expect(r.output).toEqual({ shipped: 3 });
  },
  ctx: (r) => expect(r.output).toMatchObject({ first: { count: 1, attempt: 2 }, second: { count: 2, attempt: 1 } }),
  'idempotent-charge': (r) => {
    // Attempt 1 charged, then failed before its result was journaled; attempt 2 found the key: one charge.
    expect(r.steps[0]).toMatchObject({ name: 'charge', attempts: 2, outcome: 'succeeded' });
    expect(r.output).toEqual({ receipt: { order: 'A-17', amount: 42, charge: 'ch_A-17_1' }, charges_made: 1 });
  },
  'd1-sleep': (r) => {
    expect(r.runs).toBe(2);
    expect(r.steps.map((s) => s.name)).toEqual(['save_order', 'cool-off period', 'ship_order']);
    expect(r.output).toEqual({ id: 'A-17', total: 42.5, status: 'shipped' });
  },
};

describe('samples', () => {
  it('has at least 8, each with a distinct file name and an expectation below', () => {
    expect(SAMPLES.length).toBeGreaterThanOrEqual(8);
    expect(new Set(SAMPLES.map((s) => s.fileName)).size).toBe(SAMPLES.length);
    expect(SAMPLES.map((s) => s.id).sort()).toEqual(Object.keys(expectations).sort());
  });

  it('have no error diagnostics (only the warnings a sample is about)', () => {
    for (const s of SAMPLES) {
      const errors = analyzeWorkflow(s.source).diagnostics.filter((d) => d.severity === 'error');
      expect(errors, s.fileName).toEqual([]);
      expect(s.source).toBe(readFileSync(path.join(import.meta.dirname, s.fileName), 'utf8'));
      if (s.mocks !== undefined) expect(parseMocksText(s.mocks).ok, s.fileName).toBe(true);
    }
  });

  it.concurrent.each(SAMPLES.map((s) => [s.id, s] as const))(
    '%s runs to completion on the SDK',
    async (_id, s) => {
      const events = s.event ? [`${s.event.type}:${s.event.payload}`] : [];
      const result = await withSlot(() => runSample(s.fileName, s.params, events, s.env, s.mocks !== undefined));
      expect(result.status).toBe('complete');
      expectations[s.id]!(result);
    },
    120_000,
  );
});

describe('samples with tests', () => {
  it('ship a test file for at least three samples, and every one passes through `workflow-studio test`', async () => {
    const withTests = SAMPLES.filter((s) => s.tests);
    expect(withTests.map((s) => s.tests?.fileName)).toEqual([
      'test_hello_world.py',
      'test_retries_backoff.py',
      'test_approval_wait.py',
      'test_idempotent_charge.py',
    ]);
    const files = withTests.map((s) => path.join(import.meta.dirname, s.tests?.fileName ?? ''));
    // The samples' envs in one (`test --env` is for the whole call): only the KV sample declares one.
    const envs = withTests.flatMap((s) => (s.env ? [s.env] : []));
    expect(envs).toHaveLength(1);
    const envFile = path.join(mkdtempSync(path.join(tmpdir(), 'sample-env-')), 'env.jsonc');
    writeFileSync(envFile, envs[0] ?? '');
    const { stdout } = await withSlot(() =>
      run(process.execPath, [BIN, 'test', ...files, '--json', '--env', envFile], { cwd: ROOT }).catch((e) => e),
    );
    const report = JSON.parse(stdout) as { passed: number; failed: number; tests: { file: string }[] };
    expect(report).toMatchObject({ passed: 12, failed: 0 });
    expect(new Set(report.tests.map((t) => path.basename(t.file)))).toEqual(
      new Set(withTests.map((s) => s.tests?.fileName)),
    );
  });

  it('open with the import naming the module the workflow was saved as', () => {
    const hello = SAMPLES.find((s) => s.id === 'hello-world');
    if (!hello) throw new Error('no hello-world sample');
    expect(testSourceFor(hello, 'hello_world.py')).toBe(hello.tests?.source);
    const renamed = testSourceFor(hello, 'hello_world_2.py') ?? '';
    expect(renamed).toContain('from hello_world_2 import HelloWorkflow\n');
    expect(renamed).not.toContain('from hello_world import');
    expect(testSourceFor(SAMPLES.find((s) => !s.tests) ?? hello, 'x.py')).toBeUndefined();
  });
});
