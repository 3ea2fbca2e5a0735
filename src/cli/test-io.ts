/**
 * Test helpers for the CLI commands: run one in-process, or run `bin/workflow-studio.mjs` as a real process,
 * and capture what it prints.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { CliIo } from './run-command';
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

/** A fresh temporary folder holding `files` (relative path → text, subfolders made as needed). */
export function tempFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ws-test-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

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
