/** The Tests panel's run in a real executor: test files, their sibling imports, and the instances imported. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Mocks } from '../engine';
import { StudioDB } from '../persistence';
import type { TestsRan } from '../protocol';
import { nodeSql } from '../runtime/bindings/node-sql';
import chargeSource from '../ui/samples/idempotent_charge.py?raw';
import chargeTestsSource from '../ui/samples/test_idempotent_charge.py?raw';
import { boot, freshDb, setUpExecutors } from './test-boot';

setUpExecutors();

const ORDER = `from workers import WorkflowEntrypoint


class OrderWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("charge")
        async def charge():
            print("charging", event["payload"]["order"])
            return {"charged": event["payload"]["order"]}

        await charge()
        await step.sleep("cool off", "1 day")
        return "done"
`;

const TESTS = `import pytest
from order_workflow import OrderWorkflow
from workers.testing import create


async def test_order_completes():
    instance = await create(OrderWorkflow, params={"order": 7}, id="order-7")
    await instance.wait_for_status("complete")


async def test_wrong_output():
    print("checking")
    instance = await create(OrderWorkflow, params={"order": 8}, id="order-8")
    assert await instance.wait_for_step_result("charge") == {"charged": 9}


@pytest.mark.skip(reason="later")
def test_later():
    pass
`;

const files = [
  { fileId: 'f-order', name: 'order_workflow.py', source: ORDER },
  { fileId: 'f-test', name: 'test_order.py', source: TESTS },
  { fileId: 'f-broken', name: 'test_broken.py', source: 'def test_x(:\n    pass\n' },
  { fileId: 'f-notes', name: 'notes.py', source: 'def test_not_collected():\n    assert False\n' },
];

describe('run-tests in the executor', () => {
  it('runs test_*.py files, reports each test, and imports their instances linked to the workflow file', async () => {
    const dbName = freshDb();
    const { executor } = await boot(dbName);
    const ran = await executor.runTests(files);
    expect(ran.tests.map((t) => [t.file, t.name, t.outcome])).toEqual([
      ['test_broken.py', '*', 'failed'],
      ['test_order.py', 'test_order_completes', 'passed'],
      ['test_order.py', 'test_wrong_output', 'failed'],
      ['test_order.py', 'test_later', 'skipped'],
    ]);
    const [broken, completes, wrong, later] = ran.tests;
    expect(broken?.failure).toMatchObject({ name: 'SyntaxError', line: 1 });
    expect(broken?.failure?.message).toMatch(/^SyntaxError: /);
    expect(completes?.instances).toEqual([
      { id: 'order-7', workflowName: 'order-workflow', status: 'complete', imported: true },
    ]);
    expect(wrong?.failure?.message).toBe(
      'assert {\'charged\': 8} == {\'charged\': 9}\n  where: await instance.wait_for_step_result("charge") == {"charged": 9}',
    );
    expect(wrong?.output).toBe('checking\ncharging 8\n');
    expect(later?.failure?.message).toBe('later');

    const db = new StudioDB(dbName);
    try {
      expect((await db.instances.get('order-7'))?.status).toBe('complete');
      expect((await db.instanceFiles.get('order-7'))?.fileId).toBe('f-order');
    } finally {
      db.close();
    }

    // A second run replaces the instances the first imported (same ids)...
    const again = await executor.runTests(files);
    expect(again.tests[1]?.instances[0]).toMatchObject({ id: 'order-7', imported: true });
    // ...and never an instance it did not import: another executor (a reload) leaves "order-7" alone.
    const { executor: reloaded } = await boot(dbName);
    const clash = await reloaded.runTests(files);
    expect(clash.tests[1]?.instances[0]).toMatchObject({
      id: 'order-7',
      imported: false,
      why: expect.stringContaining('order-7'),
    });
  });
});

const RATES = `from workers import WorkflowEntrypoint, fetch


class RatesWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("fetch rates")
        async def fetch_rates():
            response = await fetch("https://api.example.com/v1/rates")
            return await response.json()

        return await fetch_rates()
`;

const RATES_TESTS = `from rates_flow import RatesWorkflow
from workers.testing import create


async def test_rates_come_from_the_file_mocks():
    instance = await create(RatesWorkflow)
    await instance.wait_for_status("complete")
    assert (await instance.journal())["output"] == {"USD": 1.08}
`;

const RATES_MOCKS: Mocks = {
  http: [
    {
      method: 'GET',
      url: 'https://api.example.com/v1/*',
      status: 200,
      headers: {},
      body: { json: { USD: 1.08 } },
      latencyMs: 0,
      failFirst: 0,
      failWith: 503,
      networkError: false,
    },
  ],
  steps: [],
  events: [],
};

describe('run-tests with the env and mocks of the files the tests import', () => {
  const charge = { fileId: 'f-charge', name: 'idempotent_charge.py', source: chargeSource };
  // The sample's tests, and one more: test 1 charged A-17, so a KV shared between tests would hold its ledger.
  const chargeTests = {
    fileId: 'f-charge-tests',
    name: 'test_idempotent_charge.py',
    source: `${chargeTestsSource}

async def test_each_test_starts_with_an_empty_kv():
    assert await env.KV.get("ledger:A-17") is None
`,
  };
  const KV = '{"kv_namespaces": [{"binding": "KV"}]}';
  const outcomes = (ran: TestsRan) => ran.tests.map((t) => [t.name, t.outcome, t.failure?.message ?? null]);

  it('gives a test the workflow file’s KV, empty for each test; without the declaration the tests fail', async () => {
    const { executor } = await boot(freshDb(), {}, { sql: nodeSql });
    const withEnv = await executor.runTests([{ ...charge, env: KV }, chargeTests]);
    expect(outcomes(withEnv)).toEqual([
      ['test_a_crash_after_charging_does_not_charge_twice', 'passed', null],
      ['test_a_test_reads_the_kv_the_workflow_wrote', 'passed', null],
      ['test_each_test_starts_with_an_empty_kv', 'passed', null],
    ]);
    const without = await executor.runTests([charge, chargeTests]);
    expect(without.tests.map((t) => t.outcome)).toEqual(['failed', 'failed', 'failed']);
    expect(without.tests[1]?.failure?.message).toContain('KV');
  });

  it('gives a test the workflow file’s HTTP mocks; without them the request is refused', async () => {
    const { executor } = await boot(freshDb(), {}, { sql: nodeSql });
    const files = [
      { fileId: 'f-rates', name: 'rates_flow.py', source: RATES, mocks: RATES_MOCKS },
      { fileId: 'f-rates-tests', name: 'test_rates.py', source: RATES_TESTS },
    ];
    expect(outcomes(await executor.runTests(files))).toEqual([['test_rates_come_from_the_file_mocks', 'passed', null]]);
    const [unmocked] = (await executor.runTests([{ ...files[0]!, mocks: undefined }, files[1]!])).tests;
    expect(unmocked?.outcome).toBe('failed');
  });

  it('fails the tests of a file whose imported file has a bad env, bad mocks, or a name declared two ways', async () => {
    const { executor } = await boot(freshDb(), {}, { sql: nodeSql });
    const badEnv = await executor.runTests([{ ...charge, env: '{"vars": 1}' }, chargeTests]);
    expect(outcomes(badEnv)).toEqual([
      [
        '*',
        'failed',
        'The env of idempotent_charge.py is not valid: vars must be an object of NAME: value. Fix it in Env & bindings.',
      ],
    ]);
    const badMocks = await executor.runTests([
      { ...charge, env: KV, mocksProblem: 'http[0].url: Required' },
      chargeTests,
    ]);
    expect(badMocks.tests[0]?.failure?.message).toBe('The mocks of idempotent_charge.py: http[0].url: Required');
    const other = { fileId: 'f-other', name: 'other_flow.py', source: 'x = 1\n', env: '{"vars": {"KV": 1}}' };
    const twoWays = await executor.runTests([
      { ...charge, env: KV },
      other,
      { ...chargeTests, source: `import other_flow\n${chargeTestsSource}` },
    ]);
    expect(twoWays.tests[0]?.failure?.message).toBe(
      'test_idempotent_charge.py imports other_flow.py and idempotent_charge.py, which declare self.env.KV differently; the tests of one file run with one env: make the two declarations of KV the same.',
    );
  });
});
