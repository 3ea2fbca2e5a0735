/**
 * Benchmark runner. `npm run bench` runs every case; options (after `--`):
 * - `--quick`: fewer samples, a smoke run;
 * - words: only cases whose group or name contains one of them;
 * - `--exclude=a.bench.ts,b.bench.ts`: skip those files (listed in the report);
 * - `--timeout=SECONDS`: per case (default 900); a case that runs longer is reported as failed;
 * - `--merge` (with words, not `--quick`): the cases run replace their rows in `docs/benchmarks.*` and the other
 *   rows are kept from the run that measured them; every row then names its run (date and load in the report).
 * It imports every `bench/*.bench.ts`, each default-exporting an array of {@link BenchCase}, runs the cases one
 * after another, and writes a report with the machine it ran on: `docs/benchmarks.md` + `docs/benchmarks.json`
 * for a full run, `bench/.out/` for a quick or filtered run (so a smoke run never overwrites the committed
 * figures). Exit code 1 if any case failed; the process exits even if a case left handles open.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { metCell } from './goal';
import { percentile } from './stats';
import type { BenchCase, BenchResult } from './types';

interface Row {
  file: string;
  group: string;
  name: string;
  goal: string | null;
  result: BenchResult | null;
  error: string | null;
  seconds: number;
  /** Which of the report's runs measured it (0 = the first; reports before `--merge` had one run). */
  run?: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const merge = args.includes('--merge');
const filters = args.filter((a) => !a.startsWith('--')).map((a) => a.toLowerCase());
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const excluded = (option('exclude') ?? '').split(',').filter(Boolean);
const timeoutMs = Number(option('timeout') ?? 900) * 1000;

/** Every case of every bench file, whatever the filters. */
async function allCases(): Promise<Array<{ file: string; bench: BenchCase }>> {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts') && !excluded.includes(f))
    .sort();
  const cases: Array<{ file: string; bench: BenchCase }> = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { default?: unknown };
    if (!Array.isArray(mod.default)) throw new Error(`bench/${file} must default-export an array of benchmark cases`);
    for (const bench of mod.default as BenchCase[]) cases.push({ file, bench });
  }
  return cases;
}

async function loadCases(): Promise<Array<{ file: string; bench: BenchCase }>> {
  return (await allCases()).filter(
    ({ bench }) =>
      filters.length === 0 || filters.some((f) => `${bench.group} ${bench.name}`.toLowerCase().includes(f)),
  );
}

async function runAll(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const { file, bench } of await loadCases()) {
    process.stdout.write(`${bench.group} › ${bench.name} … `);
    const start = performance.now();
    const row: Row = {
      file,
      group: bench.group,
      name: bench.name,
      goal: bench.goal ?? null,
      result: null,
      error: null,
      seconds: 0,
    };
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs);
    });
    try {
      row.result = await Promise.race([bench.run({ quick }), timedOut]);
      process.stdout.write(`${fmt(row.result.value)} ${row.result.unit}\n`);
    } catch (error) {
      row.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      process.stdout.write(`FAILED: ${row.error}\n`);
    } finally {
      clearTimeout(timer);
    }
    row.seconds = (performance.now() - start) / 1000;
    rows.push(row);
  }
  return rows;
}

const loadAtStart = os.loadavg()[0] ?? 0;

function machine() {
  const cpus = os.cpus();
  return {
    loadAverage: { start: round1(loadAtStart), end: round1(os.loadavg()[0] ?? 0) },
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
  };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : Math.abs(n) >= 1 ? 2 : 3;
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

type Machine = ReturnType<typeof machine>;

function markdown(rows: Row[], runs: Machine[]): string {
  const m = runs.at(-1) as Machine;
  const several = runs.length > 1;
  const runLine = (r: Machine, i: number) =>
    `- Run ${i + 1}: ${r.date}; ${r.cpu} (${r.cores} cores), ${r.memoryGiB} GiB, Node ${r.node} on ${r.platform}; load average (1 min) at start / end ${r.loadAverage.start} / ${r.loadAverage.end}`;
  const lines = [
    '# Benchmarks',
    '',
    'Generated by `npm run bench` (`bench/run.ts`), which runs every `bench/*.bench.ts`. Do not edit by hand;',
    're-run the benchmarks instead. Figures depend on the machine; compare runs on the same machine only.',
    '',
    '## Machine',
    '',
    ...(several
      ? [
          'Rows come from these runs (the Run column; `npm run bench -- WORDS --merge` reran the cases named):',
          '',
          ...runs.map(runLine),
          '- Other work on the machine widens min…max and slows everything; compare figures of one run only, and',
          '  prefer the ratios, measured side by side within a run.',
        ]
      : [
          `- CPU: ${m.cpu} (${m.cores} cores)`,
          `- Memory: ${m.memoryGiB} GiB`,
          `- Node: ${m.node} on ${m.platform}`,
          `- Date: ${m.date}${quick ? ' (quick run: fewer samples)' : ''}`,
          `- Load average (1 min) at start / end: ${m.loadAverage.start} / ${m.loadAverage.end} — other work on the machine widens min…max`,
        ]),
    ...(excluded.length > 0 ? [`- Not run (excluded): ${excluded.map((f) => `\`bench/${f}\``).join(', ')}`] : []),
    '',
    '## Results',
    '',
    '**Result** is the headline figure of a benchmark (usually the median sample); **p50 / p90 / min / max** are',
    'over its samples (one sample = one full measurement, described in the last column); **n** = samples.',
    '**Met?** judges the result against the goal, and the worse tail too (p90 where lower is better, p10 where',
    'higher is): "yes (p90: no)" is a goal met by the median only.',
    '',
    `| Group | Benchmark | Result | Goal | Met? | p50 | p90 | Min | Max | n |${several ? ' Run |' : ''} What the number means |`,
    `|---|---|---|---|---|---|---|---|---|---|${several ? '---|' : ''}---|`,
  ];
  for (const r of rows) {
    const goal = cell(r.goal ?? '—');
    const run = several ? ` ${(r.run ?? 0) + 1} |` : '';
    if (!r.result) {
      lines.push(
        `| ${cell(r.group)} | ${cell(r.name)} | **failed** | ${goal} | **no** | | | | | |${run} ${cell(r.error ?? '')} |`,
      );
      continue;
    }
    const { value, unit, samples, note } = r.result;
    const s = samples.length > 0 ? samples : [value];
    const stat = (v: number) => `${fmt(v)} ${unit}`;
    lines.push(
      `| ${cell(r.group)} | ${cell(r.name)} | **${stat(value)}** | ${goal} | ${metCell(r.goal, value, s)} | ${stat(percentile(s, 50))} | ${stat(percentile(s, 90))} | ${stat(Math.min(...s))} | ${stat(Math.max(...s))} | ${s.length} |${run} ${cell(note ?? '')} |`,
    );
  }
  lines.push('', `Raw figures: \`docs/benchmarks.json\`.`, '');
  return lines.join('\n');
}

const measured = await runAll();
const m = machine();
const full = !quick && filters.length === 0;
const docs = join(here, '..', 'docs');
let rows = measured;
let runs = [m];
if (merge && !quick && !full && existsSync(join(docs, 'benchmarks.json'))) {
  const before = JSON.parse(readFileSync(join(docs, 'benchmarks.json'), 'utf8')) as {
    machine: Machine;
    runs?: Machine[];
    results: Row[];
  };
  runs = [...(before.runs ?? [before.machine]), m];
  const now = runs.length - 1;
  const key = (r: Row) => `${r.group}\u0000${r.name}`;
  const fresh = new Map(measured.map((r) => [key(r), { ...r, run: now }]));
  // Kept rows stay where they were; rows measured now replace theirs, or come after them when new.
  // A kept row takes its case's goal as it is now; rows of cases that no longer exist (renamed) are dropped.
  const goals = new Map((await allCases()).map(({ bench }) => [`${bench.group}\u0000${bench.name}`, bench.goal]));
  rows = before.results
    .filter((r) => goals.has(key(r)))
    .map((r) => fresh.get(key(r)) ?? { ...r, goal: goals.get(key(r)) ?? null, run: r.run ?? 0 });
  const placed = new Set(before.results.map(key));
  rows.push(...[...fresh.values()].filter((r) => !placed.has(key(r))));
  // Runs no row comes from any more are dropped, and rows renumbered.
  const used = [...new Set(rows.map((r) => r.run ?? 0))].sort((a, b) => a - b);
  runs = used.map((i) => runs[i] as Machine);
  rows = rows.map((r) => ({ ...r, run: used.indexOf(r.run ?? 0) }));
}
const outDir = full || (merge && !quick) ? docs : join(here, '.out');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'benchmarks.md'), markdown(rows, runs));
writeFileSync(
  join(outDir, 'benchmarks.json'),
  `${JSON.stringify({ machine: m, runs, quick, excluded, results: rows }, null, 2)}\n`,
);
console.log(`\nwrote ${join(outDir, 'benchmarks.md')} and benchmarks.json`);
process.exit(rows.some((r) => r.error !== null) ? 1 : 0);
