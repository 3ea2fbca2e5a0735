/**
 * What one `workflow-studio run` costs as a process, against a bare Node process that only calls
 * `loadPyodide()`: both spawned back to back in each round, wall time from spawn to exit. The CLI side runs a
 * one-step workflow and starts Python from its snapshot cache (src/runtime/node-snapshot-cache.ts) — a warm
 * cache for the headline, an empty one for the first use (plain load + making the snapshot).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats';
import type { BenchCase, BenchResult } from './types';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const ONE_STEP = `from workers import WorkflowEntrypoint


class One(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("greet")
        async def greet():
            return {"hello": event["payload"]["name"]}

        return await greet()
`;

const BARE = "import { loadPyodide } from 'pyodide'; await loadPyodide(); process.exit(0);";

/** Wall milliseconds from spawning `node args…` (in the repository root) to its exit; throws unless exit 0. */
function timedProcess(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && stderr === '') resolve(performance.now() - started);
      else reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr.trim()}`));
    });
  });
}

const bare = () => timedProcess(['--input-type=module', '-e', BARE]);

/**
 * One `run` of the one-step workflow: through the bin (the CLI compiled on first use, bin/cli-build.mjs), or
 * with `viaTsx` the TypeScript source through tsx's loader, as the bin did before it compiled the CLI.
 */
function cliRun(cacheDir: string, viaTsx = false): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  const flow = join(dir, 'one.py');
  writeFileSync(flow, ONE_STEP);
  const entry = viaTsx ? ['--import', 'tsx', 'src/cli/main.ts'] : ['bin/workflow-studio.mjs'];
  const args = [...entry, 'run', flow, '--params', '{"name": "Ada"}'];
  return timedProcess(args, { ...process.env, TZ: 'UTC', WORKFLOW_STUDIO_CACHE: cacheDir }).finally(() =>
    rmSync(dir, { recursive: true, force: true }),
  );
}

/** `rounds` rounds of (CLI, bare), after one warm-up of each; the per-round ratios and both sides' times. */
async function rounds(
  count: number,
  cli: () => Promise<number>,
): Promise<{ ratios: number[]; cli: number[]; bare: number[] }> {
  await cli();
  await bare();
  const out = { ratios: [] as number[], cli: [] as number[], bare: [] as number[] };
  for (let i = 0; i < count; i++) {
    const c = await cli();
    const b = await bare();
    out.cli.push(c);
    out.bare.push(b);
    out.ratios.push(c / b);
  }
  return out;
}

const ms = (xs: number[]) => `${Math.round(median(xs))} ms`;
const load = () => `load average ${loadavg()[0]?.toFixed(1)}`;

function ratioResult(r: { ratios: number[]; cli: number[]; bare: number[] }, what: string): BenchResult {
  return {
    value: median(r.ratios),
    unit: '×',
    samples: r.ratios,
    note: `${what} Medians: CLI ${ms(r.cli)}, bare loadPyodide() process ${ms(r.bare)}; ${load()} at the end.`,
  };
}

const warm: BenchCase = {
  group: 'cli start',
  name: 'workflow-studio run, one step, snapshot cached ÷ bare loadPyodide() process',
  goal: '≤ 0.35×',
  async run(opts) {
    const cache = mkdtempSync(join(tmpdir(), 'bench-cli-cache-'));
    try {
      const r = await rounds(opts.quick ? 2 : 7, () => cliRun(cache));
      return ratioResult(
        r,
        'Per round: `node bin/workflow-studio.mjs run one.py --params …` (a one-step workflow, Python restored from the snapshot cache made by the warm-up run; the CLI compiled to plain JavaScript by the warm-up run, bin/cli-build.mjs, checked against its sources on every call) ÷ `node -e "await loadPyodide()"`, spawn → exit, back to back; the median of the per-round ratios.',
      );
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  },
};

const viaTsx: BenchCase = {
  group: 'cli start',
  name: 'the same run through tsx (TypeScript compiled at run time) ÷ bare loadPyodide() process',
  async run(opts) {
    const cache = mkdtempSync(join(tmpdir(), 'bench-cli-cache-'));
    try {
      const r = await rounds(opts.quick ? 2 : 7, () => cliRun(cache, true));
      return ratioResult(
        r,
        'Per round: `node --import tsx src/cli/main.ts run one.py …` (what the bin ran before it compiled the CLI: tsx loads esbuild and compiles or reads from its cache every TypeScript module on each call), snapshot cached, ÷ the bare loadPyodide() process; the median of the per-round ratios. The difference to the row above is what compiling the CLI once saves.',
      );
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  },
};

const firstUse: BenchCase = {
  group: 'cli start',
  name: 'workflow-studio run, one step, first use (makes the snapshot) ÷ bare loadPyodide() process',
  async run(opts) {
    const caches: string[] = [];
    const fresh = () => {
      const cache = mkdtempSync(join(tmpdir(), 'bench-cli-cache-'));
      caches.push(cache);
      return cliRun(cache);
    };
    try {
      const r = await rounds(opts.quick ? 2 : 5, fresh);
      return ratioResult(
        r,
        'Per round: the same CLI run with an empty snapshot cache (a plain Pyodide load, then the ~30 MB snapshot is taken and written for next time) ÷ the bare loadPyodide() process; the median of the per-round ratios.',
      );
    } finally {
      for (const cache of caches) rmSync(cache, { recursive: true, force: true });
    }
  },
};

export default [warm, viaTsx, firstUse] satisfies BenchCase[];
