import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTestCommand } from './test-command';
import { capture, filePython, tempFolder as folder, inProcess, jsonReport, outcomes } from './test-io';

const { deps } = filePython();
const test = inProcess(runTestCommand, deps);

const json = (...argv: string[]) => jsonReport(test, ...argv);

describe('import pytest: fixtures and conftest.py', () => {
  it('runs function, module and session fixtures, async and yield ones, with teardown in reverse order', async () => {
    const dir = folder({
      'conftest.py': `import pytest

log = []


@pytest.fixture(scope="session")
def session_log():
    yield log


@pytest.fixture
def order_id():
    return "A-17"
`,
      'sub/conftest.py': `import pytest


@pytest.fixture
def order_id():
    return "B-2"  # the closer conftest wins
`,
      'sub/test_fixtures.py': `import pytest


@pytest.fixture(scope="module")
def db(session_log):
    session_log.append("db up")
    yield {"rows": []}
    session_log.append("db down")


@pytest.fixture
async def client(db, session_log):
    session_log.append("client up")
    yield {"db": db}
    session_log.append("client down")


@pytest.fixture
async def numbers():
    return [1, 2, 3]


@pytest.fixture(autouse=True)
def around(session_log):
    session_log.append("around")


def test_uses_fixtures(client, numbers, order_id):
    client["db"]["rows"].append(1)
    assert sum(numbers) == 6
    assert order_id == "B-2"


async def test_module_fixture_is_shared(db, session_log):
    assert db["rows"] == [1]
    assert session_log == ["around", "db up", "client up", "client down", "around"]


@pytest.mark.usefixtures("client")
def test_usefixtures(session_log):
    assert session_log[-2:] == ["around", "client up"]


def test_missing_fixture(nope):
    pass


@pytest.fixture
def broken_teardown():
    yield 1
    raise RuntimeError("could not close")


def test_teardown_fails(broken_teardown):
    assert broken_teardown == 1
`,
      'test_after.py': `from conftest import log


def test_module_teardown_ran():
    assert log[-1] == "db down"
`,
    });
    const { report, byName } = await json(dir);
    expect(outcomes(report)).toEqual({
      test_uses_fixtures: 'passed',
      test_module_fixture_is_shared: 'passed',
      test_usefixtures: 'passed',
      test_missing_fixture: 'failed',
      test_teardown_fails: 'failed',
      test_module_teardown_ran: 'passed',
    });
    expect(byName.test_missing_fixture?.failure?.message).toBe(
      "FixtureError: fixture 'nope' not found (available: around, broken_teardown, client, db, numbers, order_id, session_log)",
    );
    expect(byName.test_teardown_fails?.failure?.message).toBe(
      "FixtureError: teardown of fixture 'broken_teardown' failed: RuntimeError: could not close",
    );
  });

  it('applies module-level pytestmark, and names an unsupported feature once while the rest runs', async () => {
    const dir = folder({
      'test_marked.py': `import pytest

pytestmark = [pytest.mark.asyncio, pytest.mark.skipif(False, reason="no")]


async def test_one():
    assert True


@pytest.mark.flaky(reruns=3)
def test_unknown_mark_ignored():
    pass


@pytest.mark.flaky
def test_again():
    pass


def test_monkeypatch(monkeypatch):
    pass


def test_warns():
    with pytest.warns(UserWarning):
        pass


class TestGrouped:
    def test_inside(self):
        pass
`,
      'test_skipped_file.py': `import pytest

pytest.skip("whole file: needs R2", allow_module_level=True)


def test_never():
    assert False
`,
    });
    const result = await test(dir);
    expect(result.stdout).toContain(
      "not supported by workflow-studio test (ignored, or failed the test that used it): pytest.mark.flaky, test classes (TestGrouped is not collected), built-in fixture 'monkeypatch', pytest.warns\n",
    );
    expect(result.stdout).toContain(`SKIP ${join(dir, 'test_skipped_file.py')}::* (whole file: needs R2)\n`);
    const { report, byName } = await json(dir);
    expect(outcomes(report)).toEqual({
      test_one: 'passed',
      test_unknown_mark_ignored: 'passed',
      test_again: 'passed',
      test_monkeypatch: 'failed',
      test_warns: 'failed',
      '*': 'skipped',
    });
    expect(byName.test_warns?.failure?.message).toBe(
      'NotImplementedError: pytest.warns is not supported by workflow-studio test',
    );
  });

  it('exits 2 for a conftest.py that does not load, naming its line', async () => {
    const dir = folder({
      'conftest.py': 'import pytest\n\nraise RuntimeError("no config")\n',
      'test_a.py': 'def test_a():\n    pass\n',
    });
    expect(await test(dir)).toEqual({
      exit: 2,
      stdout: '',
      stderr: `error: ${join(dir, 'conftest.py')}:3: RuntimeError: no config (the module failed while being imported)\n`,
    });
  });

  it('rejects bad parametrize input and a fixture that depends on itself, per test', async () => {
    const dir = folder({
      'test_bad.py': `import pytest


@pytest.fixture
def loop(loop):
    return 1


def test_cycle(loop):
    pass


@pytest.mark.parametrize("a, b", [(1, 2), (3,)])
def test_row_too_short(a, b):
    pass
`,
    });
    const result = await test(dir);
    expect(result.exit).toBe(2);
    expect(result.stderr).toBe(
      `error: ${join(dir, 'test_bad.py')}: cannot collect: ValueError: parametrize row 1 has 1 values for 2 names ['a', 'b']\n`,
    );
    writeFileSync(
      join(dir, 'test_bad.py'),
      readFileSync(join(dir, 'test_bad.py'), 'utf8').split('@pytest.mark.parametrize')[0] ?? '',
    );
    const { byName } = await json(dir);
    expect(byName.test_cycle?.failure?.message).toBe("FixtureError: fixture 'loop' depends on itself: loop -> loop");
  });
});

describe('a test the runner gave up on', () => {
  it("does not report late or take the next test's captured prints and instances when it unwinds", async () => {
    const dir = folder({
      'test_order.py': `import asyncio
from workers import WorkflowEntrypoint
from workers.testing import create


class Count(WorkflowEntrypoint):
    async def run(self, event, step):
        total = 0
        for i in range(event["payload"]):
            @step.do(f"add {i}")
            async def add():
                print(f"step {i}")
                return i

            total += await add()
        return total


async def test_stuck():
    try:
        await asyncio.get_event_loop().create_future()
    finally:
        for _ in range(20):  # unwinds while the next test runs
            await asyncio.sleep(0)
        print("unwound")


async def test_next():
    print("next runs")
    instance = await create(Count, params=30)
    await instance.wait_for_status("complete")
    assert (await instance.journal())["output"] == 436
`,
    });
    const { byName } = await json(dir);
    expect(byName.test_stuck?.failure?.name).toBe('Timeout');
    expect(byName.test_next?.failure?.message).toBe(
      'assert 435 == 436\n  where: (await instance.journal())["output"] == 436',
    );
    expect(byName.test_next?.output).toBe(`next runs\n${Array.from({ length: 30 }, (_, i) => `step ${i}\n`).join('')}`);
  });
});

describe('test files import their workflow from a sibling file', () => {
  it('runs the sibling workflow, and a failure shows the command that opens its history', async () => {
    const dir = folder({
      'order_workflow.py': `from workers import WorkflowEntrypoint


class OrderWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("charge")
        async def charge():
            print("charging", event["payload"]["order"])
            return {"charged": event["payload"]["order"]}

        return await charge()
`,
      'test_order.py': `from order_workflow import OrderWorkflow
from workers.testing import create


async def test_charges():
    instance = await create(OrderWorkflow, params={"order": 7}, id="order-7")
    await instance.wait_for_status("complete")
    assert (await instance.journal())["output"] == {"charged": 8}
`,
    });
    const result = await test(dir);
    expect(result.exit).toBe(1);
    expect(result.stdout).toContain("    assert {'charged': 7} == {'charged': 8}\n");
    expect(result.stdout).toContain('    captured output:\n    | charging 7\n');
    const history =
      /instance order-7 \(order-workflow\) complete\n {6}history: npx workflow-studio replay (\S+) (\S+)\n/.exec(
        result.stdout,
      );
    expect(history?.[2]).toBe(join(dir, 'order_workflow.py'));
    const replayed = await capture((io) =>
      import('./replay-command').then((m) =>
        m.runReplayCommand([history?.[1] ?? '', history?.[2] ?? '', '--json'], io, deps),
      ),
    );
    expect(replayed.stderr).toBe('');
    expect(JSON.parse(replayed.stdout)).toMatchObject({ status: 'complete', output: { charged: 7 } });
  });
});
