/**
 * `workflow-studio test` with a wrangler.jsonc beside the tests: Cloudflare's own pytest files for its Python
 * bindings (tests/workflow-tests/cloudflare/, copied unchanged) run against the studio's bindings and engine, and
 * each error a user can meet with the config says what is wrong.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTestCommand } from './test-command';
import { filePython, tempFolder as folder, inProcess, jsonReport } from './test-io';

const { deps } = filePython();
const test = inProcess(runTestCommand, deps);

const json = (...argv: string[]) => jsonReport(test, ...argv);

const CONFTEST = 'import pytest\nfrom workers import env as _env\n\n\n@pytest.fixture\ndef env():\n    return _env\n';

describe("Cloudflare's pytest files for its Python bindings, unchanged", () => {
  it('all pass: KV, D1, R2 and workflow bindings', async () => {
    const { exit, report } = await json('tests/workflow-tests/cloudflare');
    const notPassed = report.tests.filter((t) => t.outcome !== 'passed').map((t) => `${t.file}::${t.name}`);
    expect(notPassed).toEqual([]);
    expect(exit).toBe(0);
    const byFile = (name: string) => report.tests.filter((t) => t.file.endsWith(name) && t.outcome === 'passed');
    expect(byFile('test_kv.py')).toHaveLength(27);
    expect(byFile('test_d1.py')).toHaveLength(22);
    expect(byFile('test_r2.py')).toHaveLength(25);
    expect(byFile('test_workflow.py')).toHaveLength(18);
    expect(report).toMatchObject({ passed: 92, failed: 0, unsupported: [] });
  });
});

describe('the env of a test folder', () => {
  it('gives each test fresh storage (shared among tests marked shared_env), vars and secrets, and polls on the virtual clock', async () => {
    const dir = folder({
      'wrangler.jsonc': `// comments and trailing commas, as wrangler allows
{
  "name": "w", "main": "worker.py",
  "kv_namespaces": [{ "binding": "KV", "id": "x" }],
  "vars": { "GREETING": "hi" },
  "secrets": { "TOKEN": "s3cret" },
  "queues": { "producers": [] },
}`,
      'conftest.py': CONFTEST,
      'test_env.py': `import asyncio

import pytest


async def test_first_writes(env):
    await env.KV.put("k", "v")
    assert await env.KV.get("k") == "v"


async def test_second_starts_empty(env):
    assert (await env.KV.list())["keys"] == []


def test_vars_and_secrets(env):
    assert (env.GREETING, env.TOKEN) == ("hi", "s3cret")


async def test_an_hour_of_polling_takes_no_time():
    for _ in range(3600):
        await asyncio.sleep(1)


@pytest.mark.shared_env
async def test_shared_writes(env):
    await env.KV.put("shared", "1")


async def test_unmarked_between_starts_empty(env):
    assert await env.KV.get("shared") is None


@pytest.mark.shared_env
async def test_shared_reads(env):
    assert await env.KV.get("shared") == "1"
`,
    });
    const { exit, report } = await json(dir);
    expect(report.tests.map((t) => [t.name, t.outcome])).toEqual([
      ['test_first_writes', 'passed'],
      ['test_second_starts_empty', 'passed'],
      ['test_vars_and_secrets', 'passed'],
      ['test_an_hour_of_polling_takes_no_time', 'passed'],
      ['test_shared_writes', 'passed'],
      ['test_unmarked_between_starts_empty', 'passed'],
      ['test_shared_reads', 'passed'],
    ]);
    expect(exit).toBe(0);
    expect(report.durationMs).toBeLessThan(20_000);
    expect(report.unsupported).toEqual([
      `queues bindings (declared in ${join(dir, 'wrangler.jsonc')}; tests here get none)`,
    ]);
  });

  it('binds a workflow binding to its class in a sibling file the test does not import', async () => {
    const dir = folder({
      'wrangler.jsonc': '{"workflows": [{"name": "x", "binding": "ORDERS", "class_name": "OrderFlow"}]}',
      'conftest.py': CONFTEST,
      'flows.py': `from workers import WorkflowEntrypoint


class OrderFlow(WorkflowEntrypoint):
    async def run(self, event, step):
        await step.sleep("wait", "1 day")
        return event["payload"]["n"] * 2
`,
      'test_flow.py': `import asyncio


async def test_doubles(env):
    instance = await env.ORDERS.create({"id": "o-1", "params": {"n": 21}})
    while (await instance.status())["status"] != "complete":
        await asyncio.sleep(3600)
    assert (await env.ORDERS.get("o-1")).id == "o-1"
    assert (await instance.status())["output"] == 43
`,
    });
    const result = await test(dir);
    expect(result.exit).toBe(1);
    expect(result.stdout).toContain('assert 42 == 43');
    expect(result.stdout).toMatch(
      /instance o-1 \(order-flow\) complete\n\s+history: npx workflow-studio replay \S+o-1\.journal\.json /,
    );
    // The history command names the file that defines the workflow class, not the test file.
    expect(result.stdout).toContain(`o-1.journal.json ${join(dir, 'flows.py')}\n`);
  });

  it('names what is wrong: a config that is not JSON, a class no file defines, workers.env outside a test', async () => {
    const notJson = folder({ 'wrangler.jsonc': '{"kv_namespaces": [', 'test_a.py': 'def test_a():\n    pass\n' });
    const r1 = await test(notJson);
    expect(r1.exit).toBe(2);
    expect(r1.stderr).toMatch(/^error: .*wrangler\.jsonc: cannot read the bindings for the tests here: /);

    const badBinding = folder({
      'wrangler.jsonc': '{"kv_namespaces": [{"binding": "my-kv"}]}',
      'test_a.py': 'def test_a():\n    pass\n',
    });
    const r2 = await test(badBinding);
    expect(r2.stderr).toMatch(/wrangler\.jsonc: kv_namespaces\[0\]\.binding must be a name like "KV"/);

    const noClass = folder({
      'wrangler.jsonc': '{"workflows": [{"binding": "FLOW", "class_name": "Missing"}]}',
      'test_a.py': 'def test_a():\n    pass\n',
    });
    const r3 = await test(noClass);
    expect(r3.exit).toBe(2);
    expect(r3.stderr).toContain(
      'ImportError: wrangler.jsonc binds FLOW to class Missing, but no .py file beside the test defines it',
    );

    const outside = folder({ 'test_a.py': 'from workers import env\n\nenv.KV\n\n\ndef test_a():\n    pass\n' });
    const r4 = await test(outside);
    expect(r4.exit).toBe(2);
    expect(r4.stderr).toContain(
      'RuntimeError: workers.env is only available while a workflow runs or a workflow-studio test runs; use self.env in a WorkflowEntrypoint',
    );
  });
});
