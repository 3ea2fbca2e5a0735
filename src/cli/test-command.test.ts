import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTestCommand } from './test-command';
import { filePython, tempFolder as folder, inProcess, jsonReport } from './test-io';

const { deps, python } = filePython();
const test = inProcess(runTestCommand, deps);

const json = (...argv: string[]) => jsonReport(test, ...argv);

const PASSING = 'def test_one():\n    assert 1 + 1 == 2\n';

const WORKFLOW = `from workers import WorkflowEntrypoint
from workers.testing import create
from workers.workflows import NonRetryableError


class Flaky(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("fetch", config={"retries": {"limit": 3, "delay": "1 minute", "backoff": "constant"}})
        async def fetch():
            if event["payload"]["fail"]:
                raise NonRetryableError("no such order")
            return {"items": 3}

        items = await fetch()
        await step.sleep("nap", "2 days")
        return items["items"]
`;

describe('workflow-studio test: discovery and selection', () => {
  it('runs test_*.py files found recursively, skipping hidden folders, node_modules and other files', async () => {
    const dir = folder({
      'test_a.py': PASSING,
      'sub/deeper/test_b.py': `${PASSING}\nasync def test_two():\n    assert True\n\ndef helper_test():\n    assert False\n`,
      'helper.py': 'def test_not_collected():\n    assert False\n',
      '.hidden/test_c.py': 'def test_hidden():\n    assert False\n',
      'node_modules/x/test_d.py': 'def test_dep():\n    assert False\n',
    });
    const { exit, report } = await json(dir);
    expect(exit).toBe(0);
    expect(report.tests.map((t) => `${t.file.slice(dir.length + 1)}::${t.name}`)).toEqual([
      'sub/deeper/test_b.py::test_one',
      'sub/deeper/test_b.py::test_two',
      'test_a.py::test_one',
    ]);
    expect(report).toMatchObject({ passed: 3, failed: 0 });
  });

  it('takes a .py file named on the command line whatever its name, and refuses other files', async () => {
    const dir = folder({ 'checks.py': PASSING, 'notes.txt': 'hi' });
    const { report } = await json(join(dir, 'checks.py'));
    expect(report.tests.map((t) => t.name)).toEqual(['test_one']);
    expect((await test(join(dir, 'notes.txt'))).stderr).toBe(
      `error: ${join(dir, 'notes.txt')} is not a Python file; pass a test_*.py file or a folder\n`,
    );
  });

  it('-k keeps the tests whose FILE::NAME contains the pattern, ignoring case', async () => {
    const dir = folder({ 'test_a.py': `${PASSING}\ndef test_Charge_card():\n    pass\n` });
    const { report } = await json(dir, '-k', 'charge');
    expect(report.tests.map((t) => t.name)).toEqual(['test_Charge_card']);
  });

  it('exits 2 when no tests are found, saying why', async () => {
    const empty = folder({ 'notes.txt': 'hi' });
    expect(await test(empty)).toEqual({
      exit: 2,
      stdout: '',
      stderr: `error: no tests found: no test_*.py files in ${empty}\n`,
    });
    const dir = folder({ 'test_a.py': PASSING });
    expect((await test(dir, '-k', 'nothing')).stderr).toBe(
      `error: no tests found: no test_* functions matching -k nothing in ${dir}\n`,
    );
    expect((await test(join(dir, 'missing'))).stderr).toMatch(/^error: cannot read .*missing: no such file;/);
  });

  it('exits 2 with file:line for a test file with a syntax error, before any test runs', async () => {
    const dir = folder({ 'test_a.py': PASSING, 'test_b.py': 'def test_x(:\n    pass\n' });
    const result = await test(dir);
    expect(result.exit).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      new RegExp(`^error: ${join(dir, 'test_b.py')}:1:\\d+: SyntaxError: .* \\(fix the syntax and test again\\)\n$`),
    );
  });

  it('exits 2 for a test file that fails while being imported, and for an unknown option', async () => {
    const dir = folder({ 'test_a.py': 'import nosuchmodule\n' });
    expect((await test(dir)).stderr).toBe(
      `error: ${join(dir, 'test_a.py')}:1: ModuleNotFoundError: No module named 'nosuchmodule' (the module failed while being imported)\n`,
    );
    expect(await test(dir, '--verbose')).toEqual({
      exit: 2,
      stdout: '',
      stderr: 'error: unknown option --verbose; options are -k, --junit, --timeout, --env, --json\n',
    });
  });
});

describe('workflow-studio test: assertion messages and failures', () => {
  it('shows the values of the compared sub-expressions, the source and the user message', async () => {
    const dir = folder({
      'test_a.py': `async def answer():
    return 2

def test_compare():
    x = 41
    assert x + 1 == 43

def test_truthy():
    items = []
    assert items, "expected items"

async def test_await_in_assert():
    assert await answer() in [3, 4]

def test_raises():
    raise ValueError("boom")
`,
    });
    const { exit, report } = await json(dir);
    expect(exit).toBe(1);
    expect(report.failed).toBe(4);
    const byName = Object.fromEntries(report.tests.map((t) => [t.name, t.failure]));
    expect(byName.test_compare).toMatchObject({
      name: 'AssertionError',
      message: 'assert 42 == 43\n  where: x + 1 == 43',
      line: 6,
    });
    expect(byName.test_truthy).toMatchObject({ message: 'expected items\nassert []\n  where: items', line: 10 });
    expect(byName.test_await_in_assert).toMatchObject({
      message: 'assert 2 in [3, 4]\n  where: await answer() in [3, 4]',
    });
    expect(byName.test_raises).toMatchObject({ name: 'ValueError', message: 'ValueError: boom', line: 16 });
    expect(byName.test_raises?.traceback).toContain('line 16, in test_raises');
  });

  it('prints a readable report: one line per test, each failure with its line and traceback, the counts', async () => {
    const dir = folder({ 'test_a.py': `${PASSING}\ndef test_two():\n    y = 5\n    assert y * 2 < 10\n` });
    const result = await test(dir);
    const file = join(dir, 'test_a.py');
    expect(result.exit).toBe(1);
    expect(
      result.stdout,
    ).toContain(`PASS ${file}::test_one\nFAIL ${file}::test_two\n\nFAILED ${file}::test_two (${file}:6)
    assert 10 < 10
      where: y * 2 < 10
`);
    expect(result.stdout).toMatch(/\n1 failed, 1 passed in \d+\.\d\d s\n$/);
  });

  it('writes JUnit XML that an XML parser reads, with escaped failure text', async () => {
    const dir = folder({ 'test_a.py': `${PASSING}\ndef test_xml():\n    assert "<a & b>" == "\\x01"\n` });
    const out = join(dir, 'report.xml');
    expect((await test(dir, '--junit', out)).exit).toBe(1);
    python().pyodide.globals.set('junit_text', readFileSync(out, 'utf8'));
    const parsed = python().pyodide.runPython(`
import json, xml.etree.ElementTree as ET
root = ET.fromstring(junit_text.encode())
json.dumps([root.tag, root.get("tests"), root.get("failures")] + [
    [c.get("name"), c.find("failure").get("message") if c.find("failure") is not None else None]
    for c in root.iter("testcase")
])`) as string;
    expect(JSON.parse(parsed)).toEqual([
      'testsuite',
      '2',
      '1',
      ['test_one', null],
      ['test_xml', "assert '<a & b>' == '\\x01'"],
    ]);
    expect((await test(dir, '--junit', join(dir, 'no/such/dir.xml'))).stderr).toMatch(
      /^error: cannot write --junit .*dir\.xml: no such file\n$/,
    );
  });
});

describe('workflow-studio test: workers.testing', () => {
  it('creates instances, waits for a step result and a status, reads the journal (virtual time)', async () => {
    const dir = folder({
      'test_flow.py': `${WORKFLOW}
async def test_complete():
    instance = await create(Flaky, params={"fail": False})
    assert await instance.wait_for_step_result("fetch") == {"items": 3}
    await instance.wait_for_status("complete")
    journal = await instance.journal()
    assert journal["output"] == 3
    assert [(s["name"], s["type"], s["outcome"]) for s in journal["steps"]] == [
        ("fetch", "do", "succeeded"), ("nap", "sleep", "finished")]
    assert journal["runs"] == 2
    assert (await instance.status())["status"] == "complete"

async def test_step_failed():
    instance = await create(Flaky, params={"fail": True}, id="order-1")
    await instance.wait_for_step_result("fetch")

async def test_wrong_status():
    instance = await create(Flaky, params={"fail": True})
    await instance.wait_for_status("complete")

async def test_not_a_workflow():
    await create(dict)


class Quick(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("double")
        async def double():
            return event["payload"] * 2

        return await double()


async def test_instances_in_sequence():
    # Each instance ends within the idle point its wait is checked at, and leaves no timer behind.
    for n in range(3):
        instance = await create(Quick, params=n)
        await instance.wait_for_status("complete")
        assert (await instance.status())["output"] == n * 2
`,
    });
    const { report } = await json(dir);
    const byName = Object.fromEntries(report.tests.map((t) => [t.name, t.failure]));
    expect(byName.test_complete).toBeNull();
    expect(byName.test_instances_in_sequence).toBeNull();
    expect(byName.test_step_failed).toMatchObject({
      name: 'TestingError',
      message: "step 'fetch' failed: NonRetryableError: no such order",
    });
    expect(byName.test_wrong_status?.message).toMatch(
      /^instance [0-9a-f-]+ ended errored \(WorkflowFatalError: .* a step threw an NonRetryableError .*\), not complete$/,
    );
    expect(byName.test_not_a_workflow?.message).toMatch(
      /^TypeError: <class 'dict'> is not a WorkflowEntrypoint subclass/,
    );
  });

  it('fails a test that waits for what cannot happen, and one past its --timeout, naming the wait', async () => {
    const dir = folder({
      'test_stuck.py': `import asyncio
from workers import WorkflowEntrypoint
from workers.testing import create


class Forever(WorkflowEntrypoint):
    async def run(self, event, step):
        i = 0
        while True:
            i += 1
            await step.sleep(f"tick {i}", "1 second")


async def test_never_resolves():
    await asyncio.get_event_loop().create_future()

async def test_forever():
    instance = await create(Forever, id="forever")
    await instance.wait_for_status("complete")
`,
    });
    const { report } = await json(dir, '--timeout', '1');
    const byName = Object.fromEntries(report.tests.map((t) => [t.name, t.failure]));
    expect(byName.test_never_resolves).toMatchObject({
      name: 'Timeout',
      message: 'the test waits, but nothing is left to happen (no timer, no event on its way)',
    });
    expect(byName.test_forever).toMatchObject({
      name: 'Timeout',
      message: "timed out after 1 s (--timeout); waiting in wait_for_status('complete') on forever (now waiting)",
    });
    expect((await test(dir, '--timeout', '0')).stderr).toBe(
      'error: --timeout must be a positive number of seconds, e.g. 10\n',
    );
  });

  it('runs the sample test file', async () => {
    const { exit, report } = await json('tests/workflow-tests/test_order.py');
    expect(exit).toBe(0);
    expect(report).toMatchObject({ passed: 4, failed: 0 });
  });
});
