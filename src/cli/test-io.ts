/** Test helper for the CLI commands: runs one in-process and captures what it prints. */
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
