/**
 * Runs conformance cases through the CLI's own code path (`runCli`), in-process, with one shared Pyodide.
 * A case is `cases/<name>.py` plus `cases/<name>.json`:
 *   { "args": [...], "exit": 0, "expect": {workflowName, status, output, error, steps, runs} }
 * or, for a sequence of calls sharing a `--journal` file:
 *   { "calls": [ { "file"?: "<other case>.py", "args": [...], "exit": 1, "expect": {...} }, ... ] }
 * The harness adds `--json`, `--id <case name>` (unless the args have `--id`) and, for sequences, `--journal`.
 * `expect` is the whole `--json` object except `id`; `runOutput` may be left out when it is `[]` (run() printed
 * nothing outside steps).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/run-command';
import { capture } from '../../src/cli/test-io';
import type { NodePython } from '../../src/runtime/node';

export const CASES_DIR = fileURLToPath(new URL('./cases/', import.meta.url));

/** One CLI call of a case and what it must print. */
export interface CaseCall {
  file?: string;
  args: string[];
  exit?: number;
  expect?: Record<string, unknown>;
}

/** A conformance case. */
export interface ConformanceCase {
  name: string;
  about: string;
  calls: CaseCall[];
}

/** Every case in `cases/`, sorted by name. */
export function loadCases(): ConformanceCase[] {
  return readdirSync(CASES_DIR)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -3);
      const spec = JSON.parse(readFileSync(join(CASES_DIR, `${name}.json`), 'utf8')) as CaseCall & {
        calls?: CaseCall[];
      };
      const about = readFileSync(join(CASES_DIR, f), 'utf8').split('\n')[0]?.replace(/^#\s*/, '') ?? '';
      return { name, about, calls: spec.calls ?? [spec] };
    });
}

/** What one call printed. */
export interface CallResult {
  exit: number;
  json: Record<string, unknown> | undefined;
  stdout: string;
  stderr: string;
}

/** Runs `workflow-studio <argv>` in-process and captures its output. */
export async function runInProcess(argv: string[], python: NodePython): Promise<CallResult> {
  const { exit, stdout, stderr } = await capture((io) =>
    runCli(argv, io, { python: async () => python, now: Date.now }),
  );
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(stdout) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { exit, json, stdout, stderr };
}

/** Runs every call of a case; returns what each printed. */
export async function runCase(c: ConformanceCase, python: NodePython): Promise<CallResult[]> {
  const journal = c.calls.length > 1 ? join(mkdtempSync(join(tmpdir(), 'ws-conf-')), 'journal.json') : undefined;
  const results: CallResult[] = [];
  for (const call of c.calls) {
    const file = join(CASES_DIR, call.file ?? `${c.name}.py`);
    const argv = ['run', file, '--json', ...call.args];
    if (!call.args.includes('--id')) argv.push('--id', c.name);
    if (journal !== undefined) argv.push('--journal', journal);
    results.push(await runInProcess(argv, python));
  }
  return results;
}
