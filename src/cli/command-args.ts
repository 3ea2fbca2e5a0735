/**
 * A small command-line parser shared by `export`, `graph` and `replay` (the `run` command has its own in
 * args.ts). Pure: returns positional arguments, option values and flags, or the one-line message (exit 2).
 */

/** What a command accepts: options with a value (and an example of each), and flags. */
export interface CommandSpec {
  values: Record<string, string>;
  flags: readonly string[];
}

/** Parsed arguments, or the stderr line. */
export type CommandArgs =
  | { ok: true; help: boolean; positional: string[]; values: Map<string, string>; flags: Set<string> }
  | { ok: false; message: string };

const fail = (message: string): CommandArgs => ({ ok: false, message: `error: ${message}` });

/** Parses `argv` (after the command name) against `spec`; `--help`/`-h` anywhere asks for help. */
export function parseCommandArgs(argv: readonly string[], spec: CommandSpec): CommandArgs {
  const positional: string[] = [];
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return { ok: true, help: true, positional, values, flags };
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    if (spec.flags.includes(name)) {
      if (eq > 0) return fail(`${name} takes no value`);
      flags.add(name);
      continue;
    }
    const example = spec.values[name];
    if (example === undefined) {
      return fail(`unknown option ${name}; options are ${[...Object.keys(spec.values), ...spec.flags].join(', ')}`);
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') return fail(`${name} needs a value, e.g. ${example}`);
    if (values.has(name)) return fail(`${name} is given twice; pass it once`);
    values.set(name, value);
  }
  return { ok: true, help: false, positional, values, flags };
}

/** The cause of a file read failure, in words. */
export function readProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return (e as Error).message;
}
