import { describe, expect, it } from 'vitest';
import { runTestCommand } from './test-command';
import { filePython, inProcess, jsonReport, tempFolder } from './test-io';

const testCli = inProcess(runTestCommand, filePython().deps);

const FLOW = `import time

from workers import WorkflowEntrypoint
from workers.testing import create, introspect


class Order(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("charge", config={"retries": {"limit": 3, "delay": "1 minute", "backoff": "constant"}})
        async def charge():
            return {"charged": event["payload"]["order"]}

        charged = await charge()
        await step.sleep("cool off", "3 days")

        @step.do("stamp")
        async def stamp():
            return int(time.time())

        await stamp()
        approval = await step.wait_for_event("approval", "approved", timeout="1 hour")
        return {"charged": charged["charged"], "by": approval["payload"]["by"]}
`;

/** Runs the tests of a file holding FLOW and `tests`; returns each test's failure message (null: passed). */
async function run(tests: string): Promise<Record<string, string | null>> {
  const { report } = await jsonReport(testCli, tempFolder({ 'test_mocks.py': `${FLOW}\n${tests}` }));
  return Object.fromEntries(report.tests.map((t) => [t.name, t.failure?.message ?? null]));
}

describe('workers.testing mocks (introspect)', () => {
  it('mocks a step result and an event, and disables sleeps', async () => {
    const results = await run(`
async def test_mocked():
    flow = introspect(Order, id="order-1")
    flow.mock_step_result("charge", {"charged": 99})
    flow.mock_event("approved", {"by": "ada"})
    flow.disable_sleeps()
    instance = await flow.create(params={"order": 1})
    assert instance.id == "order-1"
    await instance.wait_for_status("complete")
    journal = await instance.journal()
    assert journal["output"] == {"charged": 99, "by": "ada"}
    assert [s["outcome"] for s in journal["steps"]] == ["succeeded", "finished", "succeeded", "received"]
    assert journal["steps"][2]["result"] == 1_800_000_000  # no time passed: the 3-day sleep ended at once

async def test_sleeps_take_virtual_time():
    instance = await introspect(Order).mock_event("approved", {"by": "ada"}).create(params={"order": 1})
    assert await instance.wait_for_step_result("stamp") == 1_800_000_000 + 3 * 86400

async def test_without_mocks_the_wait_times_out():
    instance = await create(Order, params={"order": 1})
    await instance.wait_for_status("complete")
`);
    expect(results.test_mocked).toBeNull();
    expect(results.test_sleeps_take_virtual_time).toBeNull();
    expect(results.test_without_mocks_the_wait_times_out).toMatch(
      /ended errored \(Error: WorkflowTimeoutError: .*\), not complete$/,
    );
  });

  it('mocks a step error for the first N attempts, then runs the step; or for every attempt', async () => {
    const results = await run(`
async def test_two_failures_then_success():
    flow = introspect(Order).mock_step_error("charge", ConnectionError("card service down"), times=2)
    instance = await flow.mock_event("approved", {"by": "bo"}).create(params={"order": 5})
    assert await instance.wait_for_step_result("charge") == {"charged": 5}
    journal = await instance.journal()
    assert journal["steps"][0]["attempts"] == 3

async def test_always_failing():
    instance = await introspect(Order).mock_step_error("charge", ConnectionError("down")).create(params={"order": 5})
    await instance.wait_for_step_result("charge")
`);
    expect(results.test_two_failures_then_success).toBeNull();
    expect(results.test_always_failing).toBe("step 'charge' failed: ConnectionError: down");
  });

  it('forces a step to time out in its first attempt (the engine times it out on the virtual clock)', async () => {
    const results = await run(`
async def test_timeout_then_success():
    flow = introspect(Order).force_step_timeout("charge", times=1).mock_event("approved", {"by": "cy"})
    instance = await flow.disable_sleeps().create(params={"order": 7})
    assert await instance.wait_for_step_result("charge") == {"charged": 7}
    assert (await instance.journal())["steps"][0]["attempts"] == 2

async def test_always_times_out():
    instance = await introspect(Order).force_step_timeout("charge").create(params={"order": 7})
    await instance.wait_for_step_result("charge")
`);
    expect(results.test_timeout_then_success).toBeNull();
    expect(results.test_always_times_out).toMatch(/^step 'charge' failed: WorkflowTimeoutError: /);
  });

  it('refuses mocks after create, a non-exception error and a bad times', async () => {
    const results = await run(`
async def test_after_create():
    flow = introspect(Order)
    await flow.create(params={"order": 1})
    flow.disable_sleeps()

def test_not_an_exception():
    introspect(Order).mock_step_error("charge", "down")

def test_bad_times():
    introspect(Order).mock_step_error("charge", ValueError("x"), times=0)
`);
    expect(results).toEqual({
      test_after_create: "RuntimeError: mocks apply from the instance's first run: set them before create()",
      test_not_an_exception: "TypeError: mock_step_error takes an exception, e.g. ValueError('down'), not 'down'",
      test_bad_times: 'ValueError: times must be a positive int or None, not 0',
    });
  });
});
