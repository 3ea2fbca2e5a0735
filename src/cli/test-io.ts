/**
 * Test helpers for the CLI commands: run one in-process, or run `bin/workflow-studio.mjs` as a real process,
 * and capture what it prints.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CliIo } from './run-command';

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
