import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTestCommand } from './test-command';
import { filePython, tempFolder as folder, inProcess, jsonReport, outcomes } from './test-io';

const { deps, python } = filePython();
const test = inProcess(runTestCommand, deps);

const json = (...argv: string[]) => jsonReport(test, ...argv);

describe('import pytest: marks, raises, approx, skip, fail', () => {
  it('runs each feature and reports passes, failures and skips with their messages', async () => {
    const dir = folder({
      'test_features.py': `import sys
import pytest


@pytest.mark.asyncio
async def test_asyncio_mark():
    assert 1 == 1


async def test_async_without_mark():
    assert True


@pytest.mark.parametrize("a, b, total", [(1, 2, 3), (2, 2, 5), pytest.param(0, 0, 0, id="zeros")])
def test_add(a, b, total):
    assert a + b == total


@pytest.mark.parametrize("word", ["ab", "c"])
@pytest.mark.parametrize("n", [1, 2])
def test_grid(word, n):
    assert len(word * n) > 0


@pytest.mark.parametrize("value", [None, object()], ids=["none", "obj"])
def test_ids(value):
    pass


@pytest.mark.parametrize("word", ["a", "a", "b"])
def test_repeated_ids(word):
    pass


def test_raises_match():
    with pytest.raises(ValueError, match=r"bad \\d+") as info:
        raise ValueError("bad 42")
    assert info.value.args == ("bad 42",)
    assert info.type is ValueError


def test_raises_did_not_raise():
    with pytest.raises(KeyError):
        pass


def test_raises_wrong_message():
    with pytest.raises(ValueError, match="expected"):
        raise ValueError("something else")


def test_raises_other_exception_propagates():
    with pytest.raises(KeyError):
        raise TypeError("not a key error")


def test_raises_callable_form():
    info = pytest.raises(ZeroDivisionError, lambda: 1 / 0)
    assert info.type is ZeroDivisionError


def test_approx():
    assert 0.1 + 0.2 == pytest.approx(0.3)
    assert [0.1 + 0.2, 1.0] == pytest.approx([0.3, 1.0])
    assert {"x": 2.0000001} == pytest.approx({"x": 2.0})
    assert 10.5 == pytest.approx(10, abs=0.5)


def test_approx_fails():
    assert 1.01 == pytest.approx(1.0)


def test_skip_call():
    pytest.skip("needs a real D1")
    assert False


@pytest.mark.skip(reason="not today")
def test_skip_mark():
    assert False


@pytest.mark.skipif(sys.platform == "emscripten", reason="not in Pyodide")
def test_skipif_true():
    assert False


@pytest.mark.skipif(False, reason="never")
def test_skipif_false():
    pass


def test_fail_call():
    try:
        pytest.fail("gave up: 3 retries")
    except Exception:
        assert False, "pytest.fail is not an Exception"


def test_prints_are_captured():
    print("charging order 7")
    print("to stderr", file=sys.stderr)
    assert 2 + 2 == 5
`,
    });
    const { exit, report, byName } = await json(dir);
    expect(exit).toBe(1);
    expect(outcomes(report)).toEqual({
      test_asyncio_mark: 'passed',
      test_async_without_mark: 'passed',
      'test_add[1-2-3]': 'passed',
      'test_add[2-2-5]': 'failed',
      'test_add[zeros]': 'passed',
      'test_grid[1-ab]': 'passed',
      'test_grid[1-c]': 'passed',
      'test_grid[2-ab]': 'passed',
      'test_grid[2-c]': 'passed',
      'test_ids[none]': 'passed',
      'test_ids[obj]': 'passed',
      'test_repeated_ids[a0]': 'passed',
      'test_repeated_ids[a1]': 'passed',
      'test_repeated_ids[b]': 'passed',
      test_raises_match: 'passed',
      test_raises_did_not_raise: 'failed',
      test_raises_wrong_message: 'failed',
      test_raises_other_exception_propagates: 'failed',
      test_raises_callable_form: 'passed',
      test_approx: 'passed',
      test_approx_fails: 'failed',
      test_skip_call: 'skipped',
      test_skip_mark: 'skipped',
      test_skipif_true: 'skipped',
      test_skipif_false: 'passed',
      test_fail_call: 'failed',
      test_prints_are_captured: 'failed',
    });
    expect(report).toMatchObject({ passed: 17, failed: 7, skipped: 3, unsupported: [] });
    expect(byName['test_add[2-2-5]']?.failure?.message).toBe('assert 4 == 5\n  where: a + b == total');
    expect(byName.test_raises_did_not_raise?.failure).toMatchObject({
      name: 'Failed',
      message: "Failed: DID NOT RAISE <class 'KeyError'>",
    });
    expect(byName.test_raises_wrong_message?.failure?.message).toBe(
      "Regex pattern did not match.\n Regex: 'expected'\n Input: 'something else'",
    );
    expect(byName.test_raises_other_exception_propagates?.failure?.message).toBe('TypeError: not a key error');
    expect(byName.test_approx_fails?.failure?.message).toBe(
      'assert 1.01 == 1.0 ± 1.0e-06\n  where: 1.01 == pytest.approx(1.0)',
    );
    expect(byName.test_skip_call?.failure?.message).toBe('needs a real D1');
    expect(byName.test_skip_mark?.failure?.message).toBe('not today');
    expect(byName.test_skipif_true?.failure?.message).toBe('not in Pyodide');
    expect(byName.test_fail_call?.failure).toMatchObject({ name: 'Failed', message: 'Failed: gave up: 3 retries' });
    expect(byName.test_prints_are_captured?.output).toBe('charging order 7\nto stderr\n');
    expect(byName.test_asyncio_mark?.output).toBe('');
  });

  it('shows skips and captured prints in the readable report and in JUnit (<skipped/>, <system-out>)', async () => {
    const dir = folder({
      'test_a.py': `import pytest

def test_loud():
    print("a & b")
    assert 1 == 2

@pytest.mark.skip(reason="later")
def test_later():
    pass

def test_quiet_pass():
    print("fine")
`,
    });
    const out = join(dir, 'report.xml');
    const result = await test(dir, '--junit', out);
    const file = join(dir, 'test_a.py');
    expect(result.exit).toBe(1);
    expect(result.stdout).toContain(`SKIP ${file}::test_later (later)\n`);
    expect(result.stdout).toContain(`    assert 1 == 2\n\n    captured output:\n    | a & b\n`);
    expect(result.stdout).toMatch(/\n1 failed, 1 passed, 1 skipped in \d+\.\d\d s\n$/);
    python().pyodide.globals.set('junit_text', readFileSync(out, 'utf8'));
    const parsed = python().pyodide.runPython(`
import json, xml.etree.ElementTree as ET
root = ET.fromstring(junit_text.encode())
json.dumps([root.get("skipped")] + [
    [c.get("name"), [(e.tag, e.get("message"), e.text) for e in c]] for c in root.iter("testcase")
])`) as string;
    expect(JSON.parse(parsed)).toEqual([
      '1',
      [
        'test_loud',
        [
          ['failure', 'assert 1 == 2', expect.stringContaining('assert 1 == 2')],
          ['system-out', null, 'a & b\n'],
        ],
      ],
      ['test_later', [['skipped', 'later', null]]],
      ['test_quiet_pass', [['system-out', null, 'fine\n']]],
    ]);
  });
});
