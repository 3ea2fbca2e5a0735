/**
 * `workflow-studio <command>`: `export`, `graph`, `replay` and `test` are dispatched here; `run`, help and unknown
 * commands go to `runCli` (run-command.ts). The other commands are imported when called: tsx compiles every
 * module a process imports, and `run` (the common call) does not need the analysis or the exporter
 * (~0.7 s of a CLI start on a loaded 2-core machine).
 */
import { type CliDeps, type CliIo, runCli } from './run-command';

/** The first usage line of each command added here, for the top-level help. */
async function moreUsage(): Promise<string> {
  const [{ EXPORT_USAGE }, { GRAPH_USAGE }, { REPLAY_USAGE }, { TEST_USAGE }] = await Promise.all([
    import('./export-command'),
    import('./graph-command'),
    import('./replay-command'),
    import('./test-command'),
  ]);
  return [EXPORT_USAGE, GRAPH_USAGE, REPLAY_USAGE, TEST_USAGE].map((u) => u.split('\n')[0]).join('\n');
}

/** Runs `workflow-studio <argv>`; returns the exit code. Never throws for bad input. */
export async function runCommand(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  switch (argv[0]) {
    case 'export':
      return (await import('./export-command')).runExportCommand(argv.slice(1), io);
    case 'graph':
      return (await import('./graph-command')).runGraphCommand(argv.slice(1), io);
    case 'replay':
      return (await import('./replay-command')).runReplayCommand(argv.slice(1), io, deps);
    case 'test':
      return (await import('./test-command')).runTestCommand(argv.slice(1), io, deps);
    case 'help':
    case '--help':
    case '-h': {
      const code = await runCli(argv, io, deps);
      io.stdout(`\nMore commands (each takes --help):\n${await moreUsage()}\n`);
      return code;
    }
    default:
      return runCli(argv, io, deps);
  }
}
