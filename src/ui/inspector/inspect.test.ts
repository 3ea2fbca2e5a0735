import { describe, expect, it } from 'vitest';
import { analyzeWorkflow } from '../../analysis';
import { createTestEngine, T0 } from '../test-support/engine-journal';
import { inspect } from './inspect';

const SOURCE = `from workers import WorkflowEntrypoint

class Wf(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def fetch():
            return {"total": 42}

        @step.do()
        async def charge(fetch, ctx):
            return fetch["total"]

        await charge()
        evt = await step.wait_for_event("approval", "approve")
`;
const plan = analyzeWorkflow(SOURCE);

async function waitingInstance() {
  const t = createTestEngine(async ({ step }) => {
    const fetch = await step.do('fetch', () => ({ total: 42 }));
    await step.do('charge', () => (fetch as { total: number }).total);
    return step.waitForEvent('approval', { type: 'approve' });
  });
  const handle = await t.create();
  await t.idle(T0 + 1000);
  return { t, handle };
}

describe('inspect()', () => {
  it('shows a node from the code alone when no instance is selected, with its dependency unresolved', () => {
    const i = inspect({ type: 'node', nodeId: 'do:charge#1', call: null }, plan, null);
    expect(i).toMatchObject({ type: 'node', node: { name: 'charge' }, calls: [], call: null, instanceId: null });
    if (i.type !== 'node') return;
    expect(i.inputs).toEqual([
      { param: 'fetch', nodeName: 'fetch', value: { present: false, why: 'select an instance' } },
    ]);
  });

  it('shows the instance’s call of a node and the result injected into each dependency', async () => {
    const { t } = await waitingInstance();
    const i = inspect({ type: 'node', nodeId: 'do:charge#1', call: null }, plan, await t.view());
    expect(i).toMatchObject({
      type: 'node',
      call: { name: 'charge', status: 'succeeded', result: 42 },
      instanceId: 'i-1',
    });
    if (i.type !== 'node') return;
    expect(i.inputs).toEqual([{ param: 'fetch', nodeName: 'fetch', value: { present: true, json: { total: 42 } } }]);
  });

  it('maps a call picked in the history onto its node', async () => {
    const { t } = await waitingInstance();
    const i = inspect({ type: 'call', call: { kind: 'wait', name: 'approval', count: 1 } }, plan, await t.view());
    expect(i).toMatchObject({ type: 'node', node: { id: 'wait_for_event:approval#1' }, call: { status: 'waiting' } });
  });

  it('shows an event with the wait that took it', async () => {
    const { t, handle } = await waitingInstance();
    await handle.sendEvent({ type: 'approve', payload: { by: 'ana' } });
    await t.idle(T0 + 2000);
    const view = await t.view();
    const seq = view.events[0]!.seq;
    expect(inspect({ type: 'event', seq }, plan, view)).toMatchObject({
      type: 'event',
      event: { type: 'approve', payload: { by: 'ana' } },
      consumer: { name: 'approval', status: 'received' },
    });
  });

  it('never shows a step of another class of the file once an instance of this class is selected', async () => {
    const twoClasses = analyzeWorkflow(`${SOURCE}

class Other(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def only_in_other():
            return 1

        await only_in_other()
`);
    const other = twoClasses.workflows[1]!.nodes[0]!;
    const { t } = await waitingInstance();
    const view = { ...(await t.view()), workflowName: 'wf' };
    expect(twoClasses.workflows[0]!.className).toBe('Wf');
    expect(inspect({ type: 'node', nodeId: other.id, call: null }, twoClasses, view)).toEqual({ type: 'none' });
    // Without an instance, any class's node is shown from the code.
    expect(inspect({ type: 'node', nodeId: other.id, call: null }, twoClasses, null)).toMatchObject({
      type: 'node',
      node: { name: 'only_in_other' },
    });
  });

  it('shows nothing for a selection the journal does not have', async () => {
    const { t } = await waitingInstance();
    expect(inspect({ type: 'event', seq: 999 }, plan, await t.view())).toEqual({ type: 'none' });
    expect(inspect({ type: 'node', nodeId: 'do:gone#1', call: null }, plan, null)).toEqual({ type: 'none' });
  });

  it('shows the latest journaled call of a name after a restart, or the one of the generation asked for', async () => {
    const { t, handle } = await waitingInstance();
    await handle.restart({ from: { name: 'charge' } });
    await t.idle(T0 + 2000);
    const view = await t.view();
    const latest = inspect({ type: 'call', call: { kind: 'do', name: 'charge', count: 1 } }, plan, view);
    expect(latest.type === 'node' && latest.call?.generation).toBe(1);
    const old = inspect({ type: 'call', call: { kind: 'do', name: 'charge', count: 1, generation: 0 } }, plan, view);
    expect(old).toMatchObject({ type: 'call', why: 'earlier-generation', call: { generation: 0 } });
  });
});
