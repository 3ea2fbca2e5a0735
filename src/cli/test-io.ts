/**
 * Test helpers for the CLI commands: run one in-process (on one Node Python per test file), or run
 * `bin/workflow-studio.mjs` as a real process, and capture what it prints; temporary folders and files.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect } from 'vitest';
import type { NodePython } from '../runtime/node';
import type { CliDeps, CliIo } from './run-command';
import type { TestResult, TestRunReport } from './test-report';

/** What a command printed, and its exit code. */
export interface Captured {
  exit: number;
  stdout: string;
  stderr: string;
}

/** Runs `command(io)` with buffers for stdout and stderr. */
export async function capture(command: (io: CliIo) => Promise<number>): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const exit = await command({ stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { exit, stdout, stderr };
}

/** The clock the in-process command tests run at (ms since the epoch). */
export const TEST_NOW = 1_800_000_000_000;

/**
 * The preamble of a CLI test file whose commands run Python: Python in UTC (as on Workers, and as
 * bin/workflow-studio.mjs sets it), one Node Python loaded in `beforeAll` for all the file's tests, and the
 * `CliDeps` that give it to a command, at {@link TEST_NOW} unless `now` says otherwise. `python()` is that
 * runtime, for a test that asks Python something directly.
 */
export function filePython(now: () => number = () => TEST_NOW): { deps: CliDeps; python: () => NodePython } {
  process.env.TZ = 'UTC';
  let loading: Promise<NodePython> | undefined;
  let loaded: NodePython | undefined;
  // Imported here, so the files that only capture a command do not load Pyodide's module.
  const load = () =>
    (loading ??= import('../runtime/node')
      .then(({ loadNodePython }) => loadNodePython({ stdout: () => {} }))
      .then((p) => (loaded = p)));
  beforeAll(load);
  const python = () => {
    if (!loaded) throw new Error('filePython(): Python is loaded in beforeAll; ask for it from a test');
    return loaded;
  };
  return { deps: { python: load, now }, python };
}

/** A command run in-process: its argv in, what it printed and its exit code out. */
export type InProcess = (...argv: string[]) => Promise<Captured>;

/**
 * `command` run in-process, printing captured: one that runs Python (`runCli`, `runTestCommand`,
 * `runReplayCommand`, …) with `deps` ({@link filePython}), or one that needs none (`runExportCommand`, …).
 */
export function inProcess(command: (argv: readonly string[], io: CliIo) => Promise<number>): InProcess;
export function inProcess(
  command: (argv: readonly string[], io: CliIo, deps: CliDeps) => Promise<number>,
  deps: CliDeps,
): InProcess;
export function inProcess(
  command: (argv: readonly string[], io: CliIo, deps: CliDeps) => Promise<number>,
  deps?: CliDeps,
): InProcess {
  // Without `deps` the command is one of the first overload, which takes no third argument.
  return (...argv) => capture((io) => command(argv, io, deps as CliDeps));
}

/** The repository root: where the binary runs, so relative paths in `args` are from there. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What the binary printed, and its exit code (`null` when a signal ended it). */
export interface BinResult extends Omit<Captured, 'exit'> {
  exit: number | null;
}

/**
 * Runs `node bin/workflow-studio.mjs ...args` from the repository root, as a shell script would (as another
 * user when `as` gives one; with `as.env` as its whole environment).
 */
export function runBin(
  args: string[],
  as: { uid?: number; gid?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/workflow-studio.mjs', ...args], { cwd: ROOT, ...as });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (exit) => resolve({ exit, stdout, stderr }));
  });
}

/** Writes `text` to `path` under `dir` (subfolders made as needed); returns the file's path. */
export function writeIn(dir: string, path: string, text: string | Uint8Array): string {
  const file = join(dir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** A fresh temporary folder holding `files` (relative path → text, subfolders made as needed). */
export function tempFolder(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ws-test-'));
  for (const [path, text] of Object.entries(files)) writeIn(dir, path, text);
  return dir;
}

/** A fresh temporary folder holding one file, `name`, with `text`; returns the file's path. */
export const tempFile = (name: string, text: string | Uint8Array = ''): string => writeIn(tempFolder(), name, text);

/** `workflow-studio test … --json` run by `test`: nothing on stderr, the exit code, the report, its tests by name. */
export async function jsonReport(
  test: (...argv: string[]) => Promise<Captured>,
  ...argv: string[]
): Promise<{ exit: number; report: TestRunReport; byName: Record<string, TestResult> }> {
  const result = await test(...argv, '--json');
  expect(result.stderr).toBe('');
  const report = JSON.parse(result.stdout) as TestRunReport;
  return { exit: result.exit, report, byName: Object.fromEntries(report.tests.map((t) => [t.name, t])) };
}

/** Each test's outcome by name. */
export const outcomes = (report: TestRunReport) => Object.fromEntries(report.tests.map((t) => [t.name, t.outcome]));
