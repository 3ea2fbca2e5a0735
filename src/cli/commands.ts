/**
 * `workflow-studio <command>`: `export`, `graph`, `replay` and `test` are dispatched here; `run`, help and unknown
 * commands go to `runCli` (run-command.ts).
 */
import { EXPORT_USAGE, runExportCommand } from './export-command';
import { GRAPH_USAGE, runGraphCommand } from './graph-command';
import { REPLAY_USAGE, runReplayCommand } from './replay-command';
import { type CliDeps, type CliIo, runCli } from './run-command';
import { runTestCommand, TEST_USAGE } from './test-command';

/** The first usage line of each command added here, for the top-level help. */
const MORE_USAGE = [EXPORT_USAGE, GRAPH_USAGE, REPLAY_USAGE, TEST_USAGE].map((u) => u.split('\n')[0]).join('\n');

/** Runs `workflow-studio <argv>`; returns the exit code. Never throws for bad input. */
export async function runCommand(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  switch (argv[0]) {
    case 'export':
      return runExportCommand(argv.slice(1), io);
    case 'graph':
      return runGraphCommand(argv.slice(1), io);
    case 'replay':
      return runReplayCommand(argv.slice(1), io, deps);
    case 'test':
      return runTestCommand(argv.slice(1), io, deps);
    case 'help':
    case '--help':
    case '-h': {
      const code = await runCli(argv, io, deps);
      io.stdout(`\nMore commands (each takes --help):\n${MORE_USAGE}\n`);
      return code;
    }
    default:
      return runCli(argv, io, deps);
  }
}
