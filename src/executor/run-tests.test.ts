/** The Tests panel's run in a real executor: test files, their sibling imports, and the instances imported. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { StudioDB } from '../persistence';
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
