/**
 * The bad-input table (issue 11): each row feeds one kind of bad input through the entry a user reaches it by —
 * the CLI in-process (`runCli`, one shared Pyodide), the executor core the studio's UI drives (over IndexedDB,
 * fake-indexeddb here), or the pure module the UI calls (import, share links, the Run dialog, the database) —
 * and pins the exact message the user reads and that the journal is untouched:
 *
 * - **door** rows (bad files, arguments, ids, params, events, imports, links): the journal — the `--journal`
 *   file byte for byte, or every IndexedDB table — is exactly as it was;
 * - **SDK misuse** rows (the workflow's own code misuses the SDK while it runs): the instance ends errored
 *   with the message, the bad call itself left nothing in its journal (no step, sleep or wait for it, no result
 *   over the limits), and the other instance in the same journal file is unchanged.
 *
 * docs/reliability.md lists what this proves, with the tests elsewhere that pin further cases.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-command';
import { filePython, inProcess, tempFile, tempFolder } from '../../src/cli/test-io';
import { type InstanceSummary, type JournalEvent, reduceJournal } from '../../src/engine';
import { moduleRows, useRuntime } from './bad-input-modules';
import { GOOD, SOURCES } from './bad-input-sources';
import { coreRows, openStudio, type Studio } from './bad-input-studio';

const TOO_LARGE = 'Step big-1 output is too large. Maximum allowed size is 1MiB (it is 1048578 bytes of JSON).';
const { deps, python } = filePython();
const cli = inProcess(runCli, deps);
const dir = tempFolder();
let base: string;
let studio: Studio;

const file = (name: string) => join(dir, `${name}.py`);

/** A copy of the base journal file (one complete instance, "existing") for one row. */
function journalCopy(): string {
  const copy = join(tempFolder(), 'journal.json');
  copyFileSync(base, copy);
  return copy;
}

type JournalFileValue = { instances: { summary: InstanceSummary; events: JournalEvent[] }[] };
const readJournalFile = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as JournalFileValue;
const instanceIn = (path: string, id: string) => readJournalFile(path).instances.find((i) => i.summary.id === id);

beforeAll(async () => {
  for (const [name, source] of Object.entries(SOURCES)) writeFileSync(file(name), source);
  writeFileSync(file('good'), GOOD);
  base = join(dir, 'base.json');
  const made = await cli('run', file('good'), '--id', 'existing', '--params', '{"name": "Ada"}', '--journal', base);
  if (made.exit !== 0) throw new Error(`could not make the base journal: ${made.stderr}`);
  studio = await openStudio(python().runtime);
  useRuntime(python().runtime);
});

afterAll(() => studio?.dispose());

/** Door rows of the CLI: exit 2, exactly one line on stderr, nothing on stdout, the journal file unchanged. */
const CLI_DOOR: [string, (journal: string) => string[], () => string][] = [
  [
    'Python syntax error',
    (j) => ['run', file('syntax-error'), '--journal', j],
    () => `${file('syntax-error')}:7:37: SyntaxError: expected ':' (fix the syntax and run again)`,
  ],
  [
    'Python indentation error',
    (j) => ['run', file('indentation-error'), '--journal', j],
    () =>
      `${file('indentation-error')}:8:5: IndentationError: expected an indented block after function definition on line 7 (fix the syntax and run again)`,
  ],
  [
    'an error while the module is imported',
    (j) => ['run', file('import-error'), '--journal', j],
    () =>
      `${file('import-error')}:3: NameError: name 'DEFAULT_RATE' is not defined (the module failed while being imported)`,
  ],
  [
    'no entrypoint (no WorkflowEntrypoint subclass)',
    (j) => ['run', file('no-entrypoint'), '--journal', j],
    () =>
      `${file('no-entrypoint')} defines no WorkflowEntrypoint subclass; add one, e.g. class MyWorkflow(WorkflowEntrypoint) with async def run(self, event, step)`,
  ],
  [
    'two entrypoints and no --class',
    (j) => ['run', file('two-workflows'), '--journal', j],
    () => `${file('two-workflows')} defines 2 workflows (Flow, Other); choose one with --class NAME`,
  ],
  [
    'a workflow file that does not exist',
    (j) => ['run', file('missing'), '--journal', j],
    () => `cannot read ${file('missing')}: no such file; pass the path of a Python workflow file`,
  ],
  [
    'params that are not JSON',
    (j) => ['run', file('good'), '--params', '{"name": Ada}', '--journal', j],
    () => `--params "{\\"name\\": Ada}" is not valid JSON; pass JSON, e.g. --params '{"name": "Ada"}'`,
  ],
  [
    'params over 1 MiB',
    (j) => ['run', file('good'), '--params', JSON.stringify({ big: 'x'.repeat(1024 * 1024) }), '--journal', j],
    () => 'Workflow instance params are invalid: 1048586 bytes; the maximum is 1 MiB',
  ],
  [
    'an instance id starting with "-"',
    (j) => ['run', file('good'), '--id=-order', '--journal', j],
    () => '--id is not a valid instance id: "-order" starts with "-"; an id must start with a letter, a digit or "_"',
  ],
  [
    'an instance id with a character outside [A-Za-z0-9_-]',
    (j) => ['run', file('good'), '--id', 'order 42', '--journal', j],
    () => '--id is not a valid instance id: "order 42" contains " "; only letters, digits, "-" and "_" are allowed',
  ],
  [
    'an instance id over 100 characters',
    (j) => ['run', file('good'), '--id', 'o'.repeat(101), '--journal', j],
    () => '--id is not a valid instance id: it is 101 characters long; the maximum is 100',
  ],
  [
    'a duplicate instance id (new params for an id the journal has)',
    (j) => ['run', file('good'), '--id', 'existing', '--params', '{}', '--journal', j],
    () => 'instance "existing" already exists in JOURNAL; drop --params to resume it, or pass a new --id',
  ],
  [
    'an event to a finished instance',
    (j) => ['run', file('good'), '--id', 'existing', '--event', 'approved:{"by": "ada"}', '--journal', j],
    () =>
      'cannot send --event "approved": (instance.cannot_send_event) Cannot send an event to a workflow instance in the finite state "complete"',
  ],
  [
    'an event payload that is not JSON',
    (j) => ['run', file('good'), '--id', 'existing', '--event', 'approved:{by: ada}', '--journal', j],
    () =>
      `--event "approved" payload "{by: ada}" is not valid JSON; write TYPE:JSON, e.g. --event 'approved:{"by": "ada"}'`,
  ],
  [
    'an event with an empty type',
    (j) => ['run', file('good'), '--id', 'existing', '--event', ':{}', '--journal', j],
    () => `--event ":{}" has an empty TYPE; write TYPE:JSON, e.g. --event 'approved:{"by": "ada"}'`,
  ],
  [
    'resuming an instance with the class of another workflow',
    (j) => ['run', file('two-workflows'), '--class', 'Other', '--id', 'existing', '--journal', j],
    () =>
      'instance "existing" in JOURNAL is a flow workflow, not other; pick its class with --class or pass a new --id',
  ],
];

describe('bad input at the CLI: exit 2, one line that says what to fix, the journal file byte for byte unchanged', () => {
  for (const [what, argv, message] of CLI_DOOR) {
    it(what, async () => {
      const journal = journalCopy();
      const result = await cli(...argv(journal));
      expect(result).toEqual({ exit: 2, stdout: '', stderr: `error: ${message().replaceAll('JOURNAL', journal)}\n` });
      expect(readFileSync(journal, 'utf8')).toBe(readFileSync(base, 'utf8'));
    });
  }

  it('a --journal file that is not a journal (another JSON file) is refused and left as it was', async () => {
    const other = tempFile('settings.json', '{"theme": "dark"}\n');
    const result = await cli('run', file('good'), '--journal', other);
    expect(result.stderr).toBe(
      `error: --journal ${other} cannot be used: Not a journal file: "format" is missing; expected "workflow-studio-journal"; pass a file written by --journal, or a new path\n`,
    );
    expect(readFileSync(other, 'utf8')).toBe('{"theme": "dark"}\n');
  });

  it('a --journal file cut off in the middle (not JSON) is refused and left as it was', async () => {
    const text = readFileSync(base, 'utf8').slice(0, 100);
    const cut = tempFile('journal.json', text);
    const result = await cli('run', file('good'), '--journal', cut);
    expect(result.stderr).toBe(
      `error: --journal ${cut} cannot be used: it is not JSON; pass a file written by --journal, or a new path\n`,
    );
    expect(readFileSync(cut, 'utf8')).toBe(text);
  });
});

/** SDK misuse rows: what `run()` misused, the error the instance ends with, and the calls its journal holds. */
interface MisuseRow {
  what: string;
  source: string;
  error: { name: string; message: string };
  /** The instance's calls (`kind:name`) in its journal: the bad call is never among them. */
  calls: string[];
  /** Further checks of the instance's journal. */
  check?(events: JournalEvent[]): void;
}

const fatal = (message: string) => ({ name: 'WorkflowFatalError', message });
/** An engine error raised into run() and not caught: as on Cloudflare, whose RPC folds the name into the message. */
const folded = (name: string, message: string) => ({ name: 'Error', message: `${name}: ${message}` });
const raisedFatal = (message: string) => folded('WorkflowFatalError', message);
const DURATION_HELP =
  'use "<number> <unit>" with unit second, minute, hour, day, week, month or year, singular or plural (e.g. "10 seconds", "1.5 hours")';
const CONFIG_HELP = 'See https://developers.cloudflare.com/workflows/build/sleeping-and-retrying/';
const noSuccess = (events: JournalEvent[]) => expect(events.filter((e) => e.type === 'step-succeeded')).toEqual([]);
const attemptError = (events: JournalEvent[]) => events.find((e) => e.type === 'attempt-failed')?.error;

const MISUSE: MisuseRow[] = [
  {
    what: 'a run() without (event, step) parameters',
    source: 'wrong-run-signature',
    error: { name: 'TypeError', message: 'Flow.run() takes 1 positional argument but 3 were given' },
    calls: [],
  },
  {
    what: 'a WorkflowEntrypoint without run()',
    source: 'no-run',
    error: { name: 'NotImplementedError', message: 'Flow must define: async def run(self, event, step)' },
    calls: [],
  },
  {
    what: 'a step config with an unknown key',
    source: 'config-unknown-key',
    error: raisedFatal(
      `Step config for "charge" is in a invalid format: unknown key "timout" (allowed: retries, timeout). ${CONFIG_HELP}`,
    ),
    calls: [],
  },
  {
    what: 'a step config whose retries have no delay',
    source: 'config-missing-delay',
    error: raisedFatal(`Step config for "charge" is in a invalid format: retries.delay is required. ${CONFIG_HELP}`),
    calls: [],
  },
  {
    what: 'a duration with an unknown unit',
    source: 'bad-duration',
    error: raisedFatal(`Invalid duration "3 fortnights": ${DURATION_HELP}`),
    calls: [],
  },
  {
    what: 'a negative sleep (seconds)',
    source: 'negative-sleep',
    error: {
      name: 'ValueError',
      message: 'duration must be a number of milliseconds ≥ 0 or a duration string like "10 seconds", got -5',
    },
    calls: [],
  },
  {
    what: 'a negative sleep (string)',
    source: 'negative-sleep-string',
    error: raisedFatal(`Invalid duration "-5 seconds": ${DURATION_HELP}`),
    calls: [],
  },
  {
    what: 'a sleep longer than 365 days',
    source: 'sleep-too-long',
    error: raisedFatal('Sleep "hibernate" is longer than the maximum of 365 days'),
    calls: [],
  },
  {
    what: 'sleep_until a time in the past (a plain Error, as on Cloudflare)',
    source: 'sleep-until-past',
    error: { name: 'Error', message: "You can't sleep until a time in the past, time-traveler" },
    calls: [],
  },
  {
    what: 'a wait_for_event timeout longer than 365 days',
    source: 'wait-timeout-too-long',
    error: raisedFatal('waitForEvent "approval" has a timeout longer than the maximum of 365 days'),
    calls: [],
  },
  {
    what: 'a step parameter that names no step (unknown dependency)',
    source: 'unknown-dependency',
    error: { name: 'TypeError', message: 'Received unexpected parameter fetch_ordr' },
    calls: [],
  },
  {
    what: 'steps that depend on each other in a cycle',
    source: 'dependency-cycle',
    error: { name: 'TypeError', message: 'Steps depend on each other in a cycle: a -> b -> a' },
    calls: [],
  },
  {
    what: 'a step result that is not serialisable (a set)',
    source: 'unserialisable-result',
    error: fatal(
      'The execution of the Workflow instance was terminated, as the step "tags" returned a value which is not serialisable',
    ),
    calls: ['do:tags'],
    check(events) {
      noSuccess(events);
      expect(attemptError(events)).toEqual(
        fatal(
          'Value returned from step "tags" is not serialisable: $.tags is an instance of object, not a plain object',
        ),
      );
    },
  },
  {
    what: 'a step result over 1 MiB',
    source: 'result-over-1-mib',
    // As on Cloudflare: a failed attempt (retried), thrown into run(); uncaught there, it errors the instance.
    error: folded('WorkflowInternalError', TOO_LARGE),
    calls: ['do:big'],
    check(events) {
      noSuccess(events);
      expect(attemptError(events)).toEqual({ name: 'WorkflowInternalError', message: TOO_LARGE });
    },
  },
  {
    what: 'a run() output that is not serialisable',
    source: 'unserialisable-output',
    error: fatal('The value returned by run() is not serialisable: $.when is a WebLoop, not a plain object'),
    calls: [],
    check: (events) => expect(events.filter((e) => e.type === 'run-finished')).toEqual([]),
  },
  {
    what: 'a step name with a control character (escaped in the message)',
    source: 'step-name-control-char',
    error: raisedFatal('Step name "charge\\u0000card" exceeds max length (256 chars) or invalid characters found'),
    calls: [],
  },
  {
    what: 'a step that awaits past its timeout (asyncio.sleep on the virtual clock)',
    source: 'step-timeout',
    error: folded('WorkflowTimeoutError', 'Execution timed out after 10000ms'),
    calls: ['do:slow'],
    check: noSuccess,
  },
];

describe('SDK misuse in run(): the instance errors with the message, the bad call is not journaled', () => {
  for (const row of MISUSE) {
    it(row.what, async () => {
      const journal = journalCopy();
      const result = await cli('run', file(row.source), '--id', 'bad', '--json', '--journal', journal);
      expect(result.stderr).toBe('');
      expect(result.exit).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({ status: 'errored', error: row.error });
      const events = instanceIn(journal, 'bad')?.events ?? [];
      expect(reduceJournal(events).calls.map((c) => `${c.kind}:${c.name}`)).toEqual(row.calls);
      row.check?.(events);
      expect(instanceIn(journal, 'existing')).toEqual(instanceIn(base, 'existing'));
    });
  }

  it('one step more than the 10 000-step limit', async () => {
    const journal = journalCopy();
    const result = await cli('run', file('step-limit'), '--id', 'bad', '--json', '--journal', journal);
    expect(result.exit).toBe(1);
    expect(JSON.parse(result.stdout).error).toEqual(
      raisedFatal('The limit of 10000 steps has been reached. This limit can be changed in your worker configuration.'),
    );
    const events = instanceIn(journal, 'bad')?.events ?? [];
    // Steps 1..10 000 ran; the 10 001st was refused before it was journaled.
    expect(events.filter((e) => e.type === 'step-started')).toHaveLength(10_000);
    expect(instanceIn(journal, 'existing')).toEqual(instanceIn(base, 'existing'));
  }, 120_000);

  it('huge print output: 64 KiB per attempt are journaled, then "[truncated N bytes]"', async () => {
    const journal = journalCopy();
    const result = await cli('run', file('huge-print'), '--id', 'bad', '--json', '--journal', journal);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'complete', output: 'done' });
    const events = instanceIn(journal, 'bad')?.events ?? [];
    const logs = events.find((e) => e.type === 'step-succeeded')?.logs ?? [];
    const printed = Array.from({ length: 1000 }, (_, i) => `line ${i} ${'x'.repeat(100)}\n`).join('');
    const kept = logs.slice(0, -1).join('');
    expect(kept).toBe(printed.slice(0, 64 * 1024));
    expect(logs.at(-1)).toBe(`\n[truncated ${printed.length - 64 * 1024} bytes]\n`);
  });
});

describe('bad input through the studio (executor core over IndexedDB): the message, and every table unchanged', () => {
  for (const row of coreRows) {
    it(row.what, async () => {
      const before = await studio.snapshot();
      const failure = await row.run(studio).then(
        () => undefined,
        (e: Error) => ({ name: e.name, message: e.message }),
      );
      expect(failure).toEqual(row.error);
      expect(await studio.snapshot()).toEqual(before);
    });
  }
});

describe('bad input to the modules the UI calls: imports, share links, the Run dialog, storage', () => {
  for (const row of moduleRows) {
    it(row.what, async () => {
      const message = await row.run();
      if (row.message instanceof RegExp) expect(message).toMatch(row.message);
      else expect(message).toBe(row.message);
    });
  }
});
