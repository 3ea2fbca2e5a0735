/**
 * `workflow-studio test --env FILE`: tests reach the declared bindings as `workers.env` (what a conftest's
 * `from workers import env` gives on Cloudflare), and the file's workflows see the same contents as `self.env`.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTestCommand } from './test-command';
import { filePython, inProcess, jsonReport, outcomes, tempFolder } from './test-io';

const { deps, python } = filePython();
const testCli = inProcess(runTestCommand, deps);

const TESTS = `from workers import WorkflowEntrypoint, env
from workers.testing import create


class Greeter(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("remember")
        async def remember():
            await env.KV.put("last", event["payload"]["name"])
            return await self.env.KV.get("last")

        return await remember()


async def test_kv_through_workers_env():
    await env.KV.put("t:a", "1", metadata={"n": 1})
    assert await env.KV.get("t:a") == "1"
    listed = await env.KV.list(prefix="t:")
    assert [k["name"] for k in listed["keys"]] == ["t:a"]


async def test_d1_through_workers_env():
    await env.DB.exec("CREATE TABLE IF NOT EXISTS t (v TEXT)")
    await env.DB.prepare("INSERT INTO t VALUES (?)").bind("x").run()
    assert await env.DB.prepare("SELECT count(*) AS n FROM t").first("n") >= 1


async def test_the_workflow_and_the_test_share_contents():
    instance = await create(Greeter, params={"name": "ada"})
    assert await instance.wait_for_step_result("remember") == "ada"
    assert await env.KV.get("last") == "ada"


async def test_a_failing_binding_assert_shows_values():
    assert await env.KV.get("t:a") == "2"
`;

describe('workflow-studio test --env', () => {
  it('gives tests workers.env and workflows self.env over one store', async () => {
    const dir = tempFolder({
      'test_bindings.py': TESTS,
      'env.jsonc': '{"kv_namespaces": [{"binding": "KV"}], "d1_databases": [{"binding": "DB"}]}',
    });
    const { exit, report } = await jsonReport(testCli, dir, '--env', join(dir, 'env.jsonc'));
    expect(outcomes(report)).toEqual({
      test_kv_through_workers_env: 'passed',
      test_d1_through_workers_env: 'passed',
      test_the_workflow_and_the_test_share_contents: 'passed',
      test_a_failing_binding_assert_shows_values: 'failed',
    });
    expect(report.tests.find((t) => t.outcome === 'failed')?.failure?.message).toContain("assert '1' == '2'");
    expect(exit).toBe(1);
  });

  it('says workers.env is not there without a run or a test, and refuses a bad --env', async () => {
    const dir = tempFolder({
      'test_outside.py': 'import workers\n\nKV = None\n\ndef test_it():\n    pass\n',
      'bad.json': '{"kv_namespaces": [{}]}',
    });
    expect(await testCli(dir, '--env', join(dir, 'bad.json'))).toEqual({
      exit: 2,
      stdout: '',
      stderr: `error: --env ${join(dir, 'bad.json')}: kv_namespaces[0].binding must be a name like "KV" (letters, digits, _)\n`,
    });
    const outside = python().pyodide.runPython(
      'import workers\ntry:\n    workers.env.KV\n    r = None\nexcept RuntimeError as e:\n    r = str(e)\nr',
    );
    expect(outside).toBe(
      'workers.env is only available while a workflow runs or a workflow-studio test runs; use self.env in a WorkflowEntrypoint',
    );
  });
});
