/**
 * Argument parsing for `workflow-studio run FILE.py [options]`. Pure but for `readText` (how `--params @FILE`
 * and `--event TYPE:@FILE` read their JSON): returns the options or the one-line message (exit code 2) that
 * says what to fix.
 */

import { type EnvDeclaration, type Mocks, parseEnvDeclaration } from '../engine';
import { formatMocksProblems, parseMocksText } from '../export/mocks-schema';
import { parseOrigin } from '../runtime/network-gate';
import { readProblem } from './command-args';

/** A `--event TYPE:JSON` to deliver, in command-line order. */
export interface QueuedEvent {
  type: string;
  payload: unknown;
}

/** Parsed `run` options. */
export interface RunOptions {
  file: string;
  className: string | undefined;
  /** `undefined` when `--params` was not given (the engine then uses `{}`). */
  params: unknown;
  id: string | undefined;
  events: QueuedEvent[];
  clock: 'virtual' | 'real';
  journal: string | undefined;
  json: boolean;
  /** Let virtual time run through wait timeouts instead of stopping at `waiting`. */
  expireWaits: boolean;
  /** Origins workflow code may fetch from (`--allow-net`, repeatable); none by default. */
  allowNet: string[];
  /** `--env FILE`: the declared KV, D1, R2 bindings, vars and secrets (the studio's JSON), and the file's path. */
  env: { file: string; declaration: EnvDeclaration } | undefined;
  /** The file's mocks (`--mocks FILE`, the studio's Mocks panel JSON); `undefined` = none. */
  mocks: Mocks | undefined;
}

/** What the command line asks for. */
export type ParsedArgs = { ok: true; command: 'help' } | { ok: true; command: 'run'; options: RunOptions } | ArgError;

/** A bad command line: `message` is the whole stderr line. */
export interface ArgError {
  ok: false;
  message: string;
}

export const USAGE = `Usage: workflow-studio run FILE.py [--class NAME] [--params JSON] [--id ID] [--event TYPE:JSON]...
                             [--clock virtual|real] [--journal PATH] [--json] [--expire-waits]
                             [--allow-net ORIGIN]... [--env FILE] [--mocks FILE]

Runs one instance of a Python workflow (Cloudflare Workflows Python SDK) to completion, or until it waits
for an event that no --event satisfies.

  --class NAME        the WorkflowEntrypoint subclass to run (needed when the file defines several)
  --params JSON       the instance's params (event["payload"]); default {} (null stays None).
                      @FILE reads the JSON from FILE
  --id ID             the instance id; default a random UUID. With --journal, an existing id is resumed
  --event TYPE:JSON   send an event of TYPE with a JSON payload; repeatable, delivered in order.
                      TYPE:@FILE reads the payload's JSON from FILE
  --clock virtual     sleeps and retry delays take no wall time (default); --clock real waits for real
  --journal PATH      keep the journal in a JSON file; a second call resumes the instance from it
  --json              print exactly one JSON object: {id, workflowName, status, output, error, steps, runs}
  --expire-waits      with the virtual clock, let unanswered waits time out instead of stopping at "waiting"
  --allow-net ORIGIN  let workflow code fetch from ORIGIN (https://host[:port]); repeatable. Without it
                      every request fails at once (NonRetryableError), naming method, URL and this flag
  --env FILE          self.env bindings, as in the studio's Env panel (wrangler.jsonc shape): kv_namespaces,
                      d1_databases, r2_buckets, vars, secrets. Their contents live in memory, or with
                      --journal PATH in PATH.env.json next to the journal (kept between calls)
  --mocks FILE        answer requests, steps and events from FILE: the JSON of the studio's Mocks panel
                      ({"http": [...], "steps": {...}, "events": [...]}; HTTP rules answer before --allow-net)

Exit codes: 0 complete, 1 errored or waiting (or paused/terminated), 2 bad input.`;

const VALUE_OPTIONS = [
  '--class',
  '--params',
  '--id',
  '--event',
  '--clock',
  '--journal',
  '--allow-net',
  '--env',
  '--mocks',
] as const;
const FLAG_OPTIONS = ['--json', '--expire-waits', '--help', '-h'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

const EXAMPLES: Record<ValueOption, string> = {
  '--class': '--class MyWorkflow',
  '--params': `--params '{"name": "Ada"}'`,
  '--id': '--id order-42',
  '--event': `--event 'approved:{"by": "ada"}'`,
  '--clock': '--clock real',
  '--journal': '--journal run.journal.json',
  '--allow-net': '--allow-net https://api.example.com',
  '--env': '--env env.jsonc',
  '--mocks': '--mocks mocks.json',
};

const fail = (message: string): ArgError => ({ ok: false, message: `error: ${message}` });

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The offending text, quoted and shortened for a one-line message. */
const quote = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** Reads a file named after `@`, or says why it cannot (`e` is the error `readText` threw). */
export type ReadText = (path: string) => string;

/** The JSON of `@PATH` for `what` (e.g. `--params @p.json`), or the one-line message. */
function jsonFromFile(what: string, path: string, readText: ReadText): { ok: true; value: unknown } | ArgError {
  if (path === '') return fail(`${what} names no file; write @FILE, e.g. --params @params.json`);
  let text: string;
  try {
    text = readText(path);
  } catch (e) {
    return fail(`${what}: cannot read ${path}: ${readProblem(e)}`);
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return fail(`${what}: ${path} is not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
}

function parseEvent(text: string, readText: ReadText): QueuedEvent | ArgError {
  const colon = text.indexOf(':');
  if (colon < 0) return fail(`--event ${JSON.stringify(text)} must be TYPE:JSON, e.g. ${EXAMPLES['--event']}`);
  const type = text.slice(0, colon).trim();
  if (type === '')
    return fail(`--event ${JSON.stringify(text)} has an empty TYPE; write TYPE:JSON, e.g. ${EXAMPLES['--event']}`);
  const raw = text.slice(colon + 1);
  if (raw.trim() === '') return { type, payload: {} };
  if (raw.startsWith('@')) {
    const read = jsonFromFile(`--event ${JSON.stringify(type)} ${raw}`, raw.slice(1), readText);
    return read.ok ? { type, payload: read.value } : read;
  }
  const parsed = parseJson(raw);
  if (!parsed.ok) {
    return fail(
      `--event ${JSON.stringify(type)} payload ${quote(raw)} is not valid JSON; write TYPE:JSON, e.g. ${EXAMPLES['--event']}`,
    );
  }
  return { type, payload: parsed.value };
}

/** Parses `argv` (without `node` and the script). */
export function parseArgs(argv: readonly string[], readText: ReadText): ParsedArgs {
  if (argv.length === 0) return fail(`missing command. ${USAGE.split('\n')[0]}`);
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') return { ok: true, command: 'help' };
  if (command !== 'run')
    return fail(
      `unknown command ${JSON.stringify(command)}; commands are run, export, graph, replay, test. ${USAGE.split('\n')[0]}`,
    );

  const values = new Map<ValueOption, string>();
  const events: QueuedEvent[] = [];
  const allowNet: string[] = [];
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    if ((FLAG_OPTIONS as readonly string[]).includes(name)) {
      if (eq > 0) return fail(`${name} takes no value`);
      if (name === '--help' || name === '-h') return { ok: true, command: 'help' };
      flags.add(name);
      continue;
    }
    if (!(VALUE_OPTIONS as readonly string[]).includes(name)) {
      return fail(`unknown option ${name}; options are ${[...VALUE_OPTIONS, '--json', '--expire-waits'].join(', ')}`);
    }
    const option = name as ValueOption;
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = rest[i + 1];
      i++;
    }
    if (value === undefined) return fail(`${option} needs a value, e.g. ${EXAMPLES[option]}`);
    if (option === '--event') {
      const event = parseEvent(value, readText);
      if ('ok' in event) return event;
      events.push(event);
      continue;
    }
    if (option === '--allow-net') {
      try {
        allowNet.push(parseOrigin(value));
      } catch (error) {
        return fail(`--allow-net ${(error as Error).message}, e.g. ${EXAMPLES['--allow-net']}`);
      }
      continue;
    }
    if (values.has(option)) return fail(`${option} is given twice; pass it once`);
    values.set(option, value);
  }

  if (positional.length === 0) return fail(`missing workflow file: workflow-studio run FILE.py`);
  if (positional.length > 1) {
    return fail(`expected one workflow file, got ${positional.length}: ${positional.join(' ')}`);
  }
  const file = positional[0] as string;

  let params: unknown;
  const rawParams = values.get('--params');
  if (rawParams?.startsWith('@')) {
    const read = jsonFromFile(`--params ${rawParams}`, rawParams.slice(1), readText);
    if (!read.ok) return read;
    params = read.value;
  } else if (rawParams !== undefined) {
    const parsed = parseJson(rawParams);
    if (!parsed.ok)
      return fail(`--params ${quote(rawParams)} is not valid JSON; pass JSON, e.g. ${EXAMPLES['--params']}`);
    params = parsed.value;
  }

  const mocks = mocksFromFile(values.get('--mocks'), readText);
  if (mocks !== undefined && 'ok' in mocks) return mocks;

  const clock = values.get('--clock') ?? 'virtual';
  if (clock !== 'virtual' && clock !== 'real') {
    return fail(`--clock must be "virtual" or "real", got ${JSON.stringify(clock)}`);
  }
  const className = values.get('--class');
  if (className !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(className)) {
    return fail(`--class ${JSON.stringify(className)} is not a Python class name`);
  }
  const envFile = values.get('--env');
  let env: RunOptions['env'];
  if (envFile !== undefined) {
    let text: string;
    try {
      text = readText(envFile);
    } catch (error) {
      return fail(`--env: cannot read ${envFile}: ${readProblem(error)}`);
    }
    const declared = parseEnvDeclaration(text);
    if (!declared.ok) return fail(`--env ${envFile}: ${declared.message}`);
    env = { file: envFile, declaration: declared.env };
  }
  return {
    ok: true,
    command: 'run',
    options: {
      file,
      className,
      params,
      id: values.get('--id'),
      events,
      clock,
      journal: values.get('--journal'),
      json: flags.has('--json'),
      expireWaits: flags.has('--expire-waits'),
      allowNet,
      env,
      mocks,
    },
  };
}

/** `--mocks FILE` read and checked: the mocks, or the message with one line per bad rule. */
function mocksFromFile(path: string | undefined, readText: ReadText): Mocks | ArgError | undefined {
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = readText(path);
  } catch (e) {
    return fail(`--mocks: cannot read ${path}: ${readProblem(e)}`);
  }
  const parsed = parseMocksText(text);
  if (parsed.ok) return parsed.mocks;
  const lines = formatMocksProblems(parsed.problems);
  const count = lines.length === 1 ? 'a problem' : `${lines.length} problems`;
  return fail(`--mocks ${path} has ${count}:\n${lines.map((l) => `  ${l}`).join('\n')}`);
}
