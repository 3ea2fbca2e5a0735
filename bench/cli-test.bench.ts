/**
 * `workflow-studio test` on fifty small tests, as a process: wall time from spawn to exit (tsx start, Python from
 * the snapshot cache, collection, the tests, the report). Half the tests only assert; half create a workflow
 * instance and wait for its step's result (a fresh engine each, on a virtual clock).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats';
import type { BenchCase } from './types';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function fiftyTests(): string {
  const lines = [
    'from workers import WorkflowEntrypoint',
    'from workers.testing import create',
    '',
    '',
    'class Order(WorkflowEntrypoint):',
    '    async def run(self, event, step):',
    '        @step.do("charge")',
    '        async def charge():',
    '            return {"charged": event["payload"]["order"]}',
    '',
    '        await charge()',
    '        await step.sleep("cool off", "1 day")',
    '        return "done"',
  ];
  for (let i = 0; i < 50; i++) {
    lines.push('', '');
    if (i % 2 === 0) lines.push(`def test_plain_${i}():`, `    assert ${i} + 1 == ${i + 1}`);
    else {
      lines.push(
        `async def test_order_${i}():`,
        `    instance = await create(Order, params={"order": ${i}})`,
        `    assert await instance.wait_for_step_result("charge") == {"charged": ${i}}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Wall ms of one `workflow-studio test DIR --json` process, and the report's own test time. */
function run(dir: string, cache: string): Promise<{ wall: number; tests: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['bin/workflow-studio.mjs', 'test', dir, '--json'], {
      cwd: ROOT,
      env: { ...process.env, WORKFLOW_STUDIO_CACHE: cache },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = performance.now() - started;
      try {
        const report = JSON.parse(stdout) as { passed: number; failed: number; durationMs: number };
        if (code !== 0 || report.passed !== 50) throw new Error(`exit ${code}, ${report.passed} passed`);
        resolve({ wall, tests: report.durationMs });
      } catch (e) {
        reject(new Error(`workflow-studio test failed: ${String(e)} ${stderr.trim()}`));
      }
    });
  });
}

const fifty: BenchCase = {
  group: 'cli test',
  name: 'workflow-studio test: fifty small tests, spawn → exit',
  goal: '≤ 10 s',
  async run(opts) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-tests-'));
    const cache = mkdtempSync(join(tmpdir(), 'bench-tests-cache-'));
    try {
      writeFileSync(join(dir, 'test_fifty.py'), fiftyTests());
      await run(dir, cache); // makes the snapshot cache, as a first call does once
      const walls: number[] = [];
      const tests: number[] = [];
      for (let i = 0; i < (opts.quick ? 2 : 5); i++) {
        const r = await run(dir, cache);
        walls.push(r.wall);
        tests.push(r.tests);
      }
      return {
        value: median(walls) / 1000,
        unit: 's',
        samples: walls.map((w) => w / 1000),
        note: `One sample = \`node bin/workflow-studio.mjs test DIR --json\` on one file of 50 tests (25 plain asserts, 25 that create a workflow instance and wait for its step's result), Python from the snapshot cache; wall time spawn → exit. The tests themselves (the report's durationMs): median ${Math.round(median(tests))} ms; the rest is the process start, tsx and Python's restore. Each file is imported once and each test gets a fresh engine (before: the file was re-imported per test, 15.7 s under load). Load average ${loadavg()[0]?.toFixed(1)} at the end.`,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
    }
  },
};

export default [fifty];
