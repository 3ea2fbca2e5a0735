import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBin, tempFolder } from '../../src/cli/test-io';
import { loadNodePython, type NodePython, openSnapshotCache } from '../../src/runtime/node';
import { CASES_DIR, loadCases, runCase, runInProcess } from './harness';

// Python runs in UTC, as on Workers (bin/workflow-studio.mjs does the same).
process.env.TZ = 'UTC';

const BAD = 'tests/conformance/bad-input';
const cases = loadCases();

let python: NodePython;
beforeAll(async () => {
  // Started as the CLI starts Python: from the snapshot cache (made by the first run).
  python = await loadNodePython({ stdout: () => {}, snapshots: openSnapshotCache({ note: (l) => console.warn(l) }) });
});

describe('conformance: each case through the CLI code path (one shared Pyodide)', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  for (const c of cases) {
    it(`${c.name}: ${c.about}`, async () => {
      const results = await runCase(c, python);
      c.calls.forEach((call, i) => {
        const result = results[i];
        expect(result?.stderr.startsWith('error:'), result?.stderr).toBe(false);
        // Paths in printed text (a RuntimeWarning names the file) are relative to the cases folder.
        const { id, ...rest } = JSON.parse(JSON.stringify(result?.json ?? {}).replaceAll(CASES_DIR, ''));
        expect(id).toBe(c.name);
        expect({ exit: result?.exit, ...rest }).toEqual({ exit: call.exit, runOutput: [], ...call.expect });
      });
    });
  }
});

/** Bad input: exit 2 and exactly this one line on stderr, nothing on stdout. */
const BAD_INPUT: [string, string[], string][] = [
  [
    'no command',
    [],
    'error: missing command. Usage: workflow-studio run FILE.py [--class NAME] [--params JSON] [--id ID] [--event TYPE:JSON]...',
  ],
  [
    'unknown command',
    ['go', 'x.py'],
    'error: unknown command "go"; commands are run, export, graph, replay, test. Usage: workflow-studio run FILE.py [--class NAME] [--params JSON] [--id ID] [--event TYPE:JSON]...',
  ],
  ['no file', ['run'], 'error: missing workflow file: workflow-studio run FILE.py'],
  ['two files', ['run', 'a.py', 'b.py'], 'error: expected one workflow file, got 2: a.py b.py'],
  [
    'missing file',
    ['run', `${BAD}/nope.py`],
    `error: cannot read ${BAD}/nope.py: no such file; pass the path of a Python workflow file`,
  ],
  [
    'a directory',
    ['run', BAD],
    `error: cannot read ${BAD}: it is a directory; pass the path of a Python workflow file`,
  ],
  [
    'syntax error',
    ['run', `${BAD}/syntax-error.py`],
    `error: ${BAD}/syntax-error.py:7:26: SyntaxError: invalid syntax (fix the syntax and run again)`,
  ],
  [
    'indentation error',
    ['run', `${BAD}/indentation-error.py`],
    `error: ${BAD}/indentation-error.py:6:5: IndentationError: expected an indented block after function definition on line 5 (fix the syntax and run again)`,
  ],
  [
    'error while importing',
    ['run', `${BAD}/import-error.py`],
    `error: ${BAD}/import-error.py:3: NameError: name 'DEFAULT_RATE' is not defined (the module failed while being imported)`,
  ],
  [
    'no WorkflowEntrypoint subclass',
    ['run', `${BAD}/no-workflow.py`],
    `error: ${BAD}/no-workflow.py defines no WorkflowEntrypoint subclass; add one, e.g. class MyWorkflow(WorkflowEntrypoint) with async def run(self, event, step)`,
  ],
  [
    'two subclasses without --class',
    ['run', `${BAD}/two-workflows.py`],
    `error: ${BAD}/two-workflows.py defines 2 workflows (FirstWorkflow, SecondWorkflow); choose one with --class NAME`,
  ],
  [
    'unknown --class',
    ['run', `${BAD}/two-workflows.py`, '--class', 'Third'],
    `error: --class Third is not a WorkflowEntrypoint subclass in ${BAD}/two-workflows.py; choose one of: FirstWorkflow, SecondWorkflow`,
  ],
  [
    '--class not a name',
    ['run', `${BAD}/two-workflows.py`, '--class', 'my-flow'],
    'error: --class "my-flow" is not a Python class name',
  ],
  [
    'invalid --params JSON',
    ['run', `${BAD}/two-workflows.py`, '--params', '{bad'],
    `error: --params "{bad" is not valid JSON; pass JSON, e.g. --params '{"name": "Ada"}'`,
  ],
  [
    '--params without value',
    ['run', `${BAD}/two-workflows.py`, '--params'],
    `error: --params needs a value, e.g. --params '{"name": "Ada"}'`,
  ],
  [
    '--params twice',
    ['run', `${BAD}/two-workflows.py`, '--params', '{}', '--params={}'],
    'error: --params is given twice; pass it once',
  ],
  [
    'invalid --id (leading dash)',
    ['run', `${BAD}/two-workflows.py`, '--id=-lead'],
    'error: --id is not a valid instance id: "-lead" starts with "-"; an id must start with a letter, a digit or "_"',
  ],
  [
    'invalid --id (character)',
    ['run', `${BAD}/two-workflows.py`, '--id', 'order#1'],
    'error: --id is not a valid instance id: "order#1" contains "#"; only letters, digits, "-" and "_" are allowed',
  ],
  [
    'invalid --id (too long)',
    ['run', `${BAD}/two-workflows.py`, '--id', 'w'.repeat(101)],
    'error: --id is not a valid instance id: it is 101 characters long; the maximum is 100',
  ],
  [
    '--event without colon',
    ['run', `${BAD}/two-workflows.py`, '--event', 'approve'],
    `error: --event "approve" must be TYPE:JSON, e.g. --event 'approved:{"by": "ada"}'`,
  ],
  [
    '--event with empty type',
    ['run', `${BAD}/two-workflows.py`, '--event', ':{}'],
    `error: --event ":{}" has an empty TYPE; write TYPE:JSON, e.g. --event 'approved:{"by": "ada"}'`,
  ],
  [
    '--event with invalid JSON',
    ['run', `${BAD}/two-workflows.py`, '--event', 'approve:{x'],
    `error: --event "approve" payload "{x" is not valid JSON; write TYPE:JSON, e.g. --event 'approved:{"by": "ada"}'`,
  ],
  [
    'bad --clock',
    ['run', `${BAD}/two-workflows.py`, '--clock', 'fast'],
    'error: --clock must be "virtual" or "real", got "fast"',
  ],
  [
    'unknown option',
    ['run', `${BAD}/two-workflows.py`, '--frobnicate'],
    'error: unknown option --frobnicate; options are --class, --params, --id, --event, --clock, --journal, --allow-net, --env, --mocks, --json, --expire-waits',
  ],
  ['flag with a value', ['run', `${BAD}/two-workflows.py`, '--json=yes'], 'error: --json takes no value'],
  [
    'params too large for the engine',
    ['run', `${CASES_DIR}/ref-01-first-step.py`, '--params', JSON.stringify({ big: 'x'.repeat(1024 * 1024) })],
    'error: Workflow instance params are invalid: 1048586 bytes; the maximum is 1 MiB',
  ],
];

describe('bad input: exit 2 with a one-line message that says what to fix', () => {
  for (const [what, argv, message] of BAD_INPUT) {
    it(what, async () => {
      const result = await runInProcess(argv, python);
      expect({ exit: result.exit, stdout: result.stdout, stderr: result.stderr }).toEqual({
        exit: 2,
        stdout: '',
        stderr: `${message}\n`,
      });
    });
  }

  it('rejects a --journal file that is not a journal', async () => {
    const result = await runInProcess(
      ['run', `${CASES_DIR}/ref-01-first-step.py`, '--journal', 'package.json'],
      python,
    );
    expect(result.stderr).toBe(
      'error: --journal package.json cannot be used: Not a journal file: "format" is missing; expected "workflow-studio-journal"; pass a file written by --journal, or a new path\n',
    );
    expect(result.exit).toBe(2);
  });

  it('rejects a --journal file that is not JSON', async () => {
    const journal = join(tempFolder(), 'j.json');
    writeFileSync(journal, '{"format": ');
    const result = await runInProcess(['run', `${CASES_DIR}/ref-01-first-step.py`, '--journal', journal], python);
    expect(result.stderr).toBe(
      `error: --journal ${journal} cannot be used: it is not JSON; pass a file written by --journal, or a new path\n`,
    );
    expect(result.exit).toBe(2);
  });

  it('asks for --id when the journal holds several instances', async () => {
    const journal = join(tempFolder(), 'j.json');
    const file = `${CASES_DIR}/ref-01-first-step.py`;
    for (const id of ['one', 'two']) await runInProcess(['run', file, '--id', id, '--journal', journal], python);
    const result = await runInProcess(['run', file, '--journal', journal], python);
    expect(result.stderr).toBe(`error: --journal ${journal} holds 2 instances (one, two); choose one with --id\n`);
    expect(result.exit).toBe(2);
  });

  it('refuses to resume an instance with the class of another workflow', async () => {
    const journal = join(tempFolder(), 'j.json');
    await runInProcess(
      ['run', `${CASES_DIR}/ref-05-wait-for-event-unanswered.py`, '--id', 'w', '--journal', journal],
      python,
    );
    const result = await runInProcess(['run', `${CASES_DIR}/ref-09-ctx.py`, '--id', 'w', '--journal', journal], python);
    expect(result.stderr).toBe(
      `error: instance "w" in ${journal} is a my-workflow workflow, not ctx-workflow; pick its class with --class or pass a new --id\n`,
    );
    expect(result.exit).toBe(2);
  });

  it('--class in a file without workflows says so', async () => {
    const result = await runInProcess(['run', `${BAD}/no-workflow.py`, '--class', 'Default'], python);
    expect(result.stderr).toBe(
      `error: --class Default: ${BAD}/no-workflow.py defines no WorkflowEntrypoint subclass\n`,
    );
    expect(result.exit).toBe(2);
  });

  it('refuses --params for an instance that already exists in the journal', async () => {
    const journal = join(tempFolder(), 'j.json');
    const file = `${CASES_DIR}/ref-05-wait-for-event-unanswered.py`;
    const first = await runInProcess(['run', file, '--id', 'again', '--journal', journal, '--json'], python);
    expect(first.exit).toBe(1);
    const second = await runInProcess(['run', file, '--id', 'again', '--journal', journal, '--params', '{}'], python);
    expect(second.stderr).toBe(
      `error: instance "again" already exists in ${journal}; drop --params to resume it, or pass a new --id\n`,
    );
    expect(second.exit).toBe(2);
  });

  it('refuses an --event for an instance that already finished', async () => {
    const journal = join(tempFolder(), 'j.json');
    const file = `${CASES_DIR}/ref-01-first-step.py`;
    expect((await runInProcess(['run', file, '--id', 'done', '--journal', journal], python)).exit).toBe(0);
    const again = await runInProcess(['run', file, '--id', 'done', '--journal', journal, '--event', 'x:{}'], python);
    expect(again.stderr).toBe(
      'error: cannot send --event "x": (instance.cannot_send_event) Cannot send an event to a workflow instance in the finite state "complete"\n',
    );
    expect(again.exit).toBe(2);
  });
});

describe('bin/workflow-studio.mjs as a subprocess', () => {
  it('exit codes 0 (complete), 1 (waiting, errored) and 2 (bad input), with --json on stdout', async () => {
    const [complete, waiting, errored, bad] = await Promise.all([
      runBin(['run', `${CASES_DIR}/ref-09-ctx.py`, '--json', '--id', 'sub-1']),
      runBin(['run', `${CASES_DIR}/ref-05-wait-for-event-unanswered.py`, '--json']),
      runBin(['run', `${CASES_DIR}/ref-07-non-retryable.py`, '--json']),
      runBin(['run', `${BAD}/syntax-error.py`, '--json']),
    ]);
    expect(complete.exit).toBe(0);
    expect(JSON.parse(complete.stdout)).toMatchObject({ id: 'sub-1', status: 'complete', output: 1, runs: 1 });
    expect(waiting.exit).toBe(1);
    expect(JSON.parse(waiting.stdout)).toMatchObject({ status: 'waiting' });
    expect(errored.exit).toBe(1);
    expect(JSON.parse(errored.stdout).error.name).toBe('WorkflowFatalError');
    expect(bad).toEqual({
      exit: 2,
      stdout: '',
      stderr: `error: ${BAD}/syntax-error.py:7:26: SyntaxError: invalid syntax (fix the syntax and run again)\n`,
    });
  });

  it('resumes from --journal in a second process (delivers an event) and prints a readable summary', async () => {
    const journal = join(tempFolder(), 'order.json');
    const file = `${CASES_DIR}/journal-01-event-resumes.py`;
    const first = await runBin(['run', file, '--id', 'order-42', '--params', '{"order": 42}', '--journal', journal]);
    expect(first.exit).toBe(1);
    expect(first.stdout).toContain('my-workflow order-42: waiting after 1 run');
    expect(first.stdout).toContain(`send it with --event 'approved:{...}'`);
    const second = await runBin([
      'run',
      file,
      '--id',
      'order-42',
      '--event',
      'approved:{"by": "ada"}',
      '--journal',
      journal,
    ]);
    expect(second.exit).toBe(0);
    expect(second.stdout).toContain('my-workflow order-42: complete after 2 runs');
    expect(second.stdout).toContain('output: "shipped 42 for ada"');
  });

  it('--help prints the usage and exits 0', async () => {
    const help = await runBin(['--help']);
    expect(help.exit).toBe(0);
    expect(help.stdout).toContain('Usage: workflow-studio run FILE.py');
  });
});

describe('the readable summary (without --json)', () => {
  it('shows each attempt with its prints and error, and where an uncaught error came from', async () => {
    const file = `${CASES_DIR}/err-04-uncaught-error-errors-instance.py`;
    const result = await runInProcess(['run', file, '--id', 'readable'], python);
    expect(result.exit).toBe(1);
    expect(result.stdout).toBe(
      [
        'my-workflow readable: errored after 2 runs',
        '  do    lookup  failed (2 attempts)',
        "    1! KeyError: 'missing'",
        "    2! KeyError: 'missing'",
        "error: KeyError: 'missing'",
        '  in step "lookup", attempt 2:',
        '    Traceback (most recent call last):',
        `      File "${file}", line 9, in lookup`,
        '        return {}["missing"]',
        '               ~~^^^^^^^^^^^',
        "    KeyError: 'missing'",
        '  raised into run():',
        '    Traceback (most recent call last):',
        `      File "${file}", line 11, in run`,
        '        await lookup()',
        // What run() caught is the JS error Cloudflare's engine throws back: the step's traceback, folded.
        '    pyodide.ffi.JsException: Error: PythonError: Traceback (most recent call last):',
        `      File "${file}", line 9, in lookup`,
        '        return {}["missing"]',
        '               ~~^^^^^^^^^^^',
        "    KeyError: 'missing'",
        '    ',
        '',
      ].join('\n'),
    );
  });

  it('names the step an engine error came from when it reached run() folded (Error: WorkflowTimeoutError: …)', async () => {
    const file = `${CASES_DIR}/err-15-step-timeout.py`;
    const result = await runInProcess(['run', file, '--id', 'folded'], python);
    expect(result.exit).toBe(1);
    const lines = result.stdout.split('\n');
    const at = lines.indexOf('error: Error: WorkflowTimeoutError: Execution timed out after 30000ms');
    expect(at, result.stdout).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 3)).toEqual(['  in step "slow", attempt 2', '  raised into run():']);
  });

  it("prints each attempt's captured print() output, and under each run what run() printed outside steps", async () => {
    const result = await runInProcess(['run', `${CASES_DIR}/ref-06-error-handling.py`, '--id', 'prints'], python);
    expect(result.exit).toBe(0);
    expect(result.stdout.split('\n').slice(0, 6)).toEqual([
      'my-workflow prints: complete after 6 runs',
      '  do    my_failing  failed (6 attempts)',
      '    1| Executing my_failing',
      '    1! TypeError: Intentional error in my_failing',
      '    2| Executing my_failing',
      '    2! TypeError: Intentional error in my_failing',
    ]);
    expect(result.stdout.split('\n').slice(-5)).toEqual([
      'print() in run(), outside steps:',
      '  run 6 (woke, finished)',
      '    | Successfully caught TypeError: TypeError: Intentional error in my_failing',
      'output: null',
      '',
    ]);
    expect(result.stderr).toBe('');
  });

  it('prints what run() printed outside steps under each run, once per run that printed it', async () => {
    const file = `${CASES_DIR}/journal-03-run-prints-per-run.py`;
    const result = await runInProcess(['run', file, '--id', 'lanes', '--params', '{"who": "Ada"}'], python);
    expect(result.exit).toBe(0);
    expect(result.stdout).toBe(
      [
        'my-workflow lanes: complete after 2 runs',
        '  sleep nap  finished',
        'print() in run(), outside steps:',
        '  run 1 (created, evicted)',
        '    | before sleep',
        '  run 2 (woke, finished)',
        '    | before sleep',
        '    | after',
        'output: "hello Ada"',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toBe('');
  });
});
