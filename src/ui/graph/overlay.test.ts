import { describe, expect, it } from 'vitest';
import { analyzeWorkflow } from '../../analysis';
import { createTestEngine, T0 } from '../test-support/engine-journal';
import { statusWords } from './node-labels';
import { buildOverlay } from './overlay';

const SOURCE = `from workers import WorkflowEntrypoint

class Wf(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def fetch():
            return 1

        await fetch()
        await step.sleep("nap", "10 seconds")
        for i in range(2):
            @step.do(f"item-{i}")
            async def item():
                return i
            await item()
        evt = await step.wait_for_event("approval", "approve", timeout="1 hour")
`;
const analysis = analyzeWorkflow(SOURCE).workflows[0]!;

function engineFor() {
  return createTestEngine(async ({ step }) => {
    await step.do('fetch', () => 1);
    await step.sleep('nap', '10 seconds');
    for (const i of [0, 1]) await step.do(`item-${i}`, () => i);
    return step.waitForEvent('approval', { type: 'approve', timeout: '1 hour' });
  });
}

describe('buildOverlay()', () => {
  it('shows a pending sleep with its wake time and the nodes after it as not run', async () => {
    const t = engineFor();
    await t.create();
    await t.idle(T0 + 1000);
    const overlay = buildOverlay(analysis, await t.view());
    expect(overlay.get('do:fetch#1')).toMatchObject({ status: 'done', calls: 1, attempts: 1, replays: 0 });
    expect(overlay.get('sleep:nap#1')).toMatchObject({ status: 'sleeping', wakeAt: T0 + 10_000, wakeKind: 'sleep' });
    expect(overlay.get('do:f"item-{i}"#1')).toMatchObject({ status: 'not-run', calls: 0, instanceEnded: false });
    expect(statusWords(overlay.get('do:f"item-{i}"#1')!)).toEqual({ short: 'not run yet', long: 'not run yet' });
  });

  it('says "not run", not "not run yet", for the nodes of an ended instance that never called them', async () => {
    const t = engineFor();
    const handle = await t.create();
    await t.idle(T0 + 1000);
    await handle.terminate();
    const view = await t.view();
    expect(view.status).toBe('terminated');
    const node = buildOverlay(analysis, view).get('do:f"item-{i}"#1')!;
    expect(node).toMatchObject({ status: 'not-run', instanceEnded: true });
    expect(statusWords(node)).toEqual({ short: 'not run', long: 'not run: the instance ended without it' });
  });

  it('shows a sleep, or a step waiting to retry, that a terminate cut short as stopped: no wake or retry will come', async () => {
    const t = engineFor();
    const handle = await t.create();
    await t.idle(T0 + 1000);
    await handle.terminate();
    const nap = buildOverlay(analysis, await t.view()).get('sleep:nap#1')!;
    expect(nap).toMatchObject({ status: 'stopped', wakeAt: null });
    expect(statusWords(nap)).toEqual({
      short: 'stopped',
      long: 'stopped: the instance ended before this call finished',
    });

    const failing = createTestEngine(async ({ step }) =>
      step.do('fetch', () => {
        throw new Error('down');
      }),
    );
    const instance = await failing.create();
    await failing.idle(T0 + 1000);
    expect(buildOverlay(analysis, await failing.view()).get('do:fetch#1')?.status).toBe('retrying');
    await instance.terminate();
    expect(buildOverlay(analysis, await failing.view()).get('do:fetch#1')?.status).toBe('stopped');
  });

  it('counts replays, folds loop calls into one node, and shows the wait with its timeout', async () => {
    const t = engineFor();
    await t.create();
    await t.idle(T0 + 20_000);
    const overlay = buildOverlay(analysis, await t.view());
    expect(overlay.get('do:fetch#1')).toMatchObject({ status: 'done', replays: 1 });
    expect(overlay.get('do:f"item-{i}"#1')).toMatchObject({ status: 'done', calls: 2, attempts: 2 });
    expect(overlay.get('wait_for_event:approval#1')).toMatchObject({
      status: 'waiting',
      wakeAt: T0 + 10_000 + 3_600_000,
      wakeKind: 'wait-timeout',
    });
  });

  it('turns the wait done once the event arrives', async () => {
    const t = engineFor();
    const handle = await t.create();
    await t.idle(T0 + 20_000);
    await handle.sendEvent({ type: 'approve', payload: { ok: true } });
    await t.idle(T0 + 30_000);
    const view = await t.view();
    expect(view.status).toBe('complete');
    const overlay = buildOverlay(analysis, view);
    expect(overlay.get('wait_for_event:approval#1')).toMatchObject({ status: 'done', wakeAt: null });
    expect([...overlay.values()].every((o) => o.status === 'done')).toBe(true);
  });

  it('shows retries and the failure of a step that never succeeds', async () => {
    const t = createTestEngine(async ({ step }) => {
      await step.do(
        'fetch',
        () => {
          throw new Error('boom');
        },
        { retries: { limit: 1, delay: '1 second' } },
      );
    });
    await t.create();
    await t.idle(T0 + 500);
    expect(buildOverlay(analysis, await t.view()).get('do:fetch#1')).toMatchObject({
      status: 'retrying',
      attempts: 1,
      wakeKind: 'retry',
    });
    await t.idle(T0 + 5_000);
    expect(buildOverlay(analysis, await t.view()).get('do:fetch#1')).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('marks the node whose call came where a replay diverged from the journal, with what was expected', async () => {
    const edited = analyzeWorkflow(`from workers import WorkflowEntrypoint

class Wf(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("reserve inventory")
        async def reserve():
            return 3

        await reserve()
        await step.sleep("nap", "1 minute")
`).workflows[0]!;
    let name = 'reserve stock';
    const t = createTestEngine(async ({ step }) => {
      await step.do(name, () => 3);
      await step.sleep('nap', '1 minute');
    });
    await t.create();
    await t.idle(T0 + 1000);
    name = 'reserve inventory';
    await t.idle();
    const overlay = buildOverlay(edited, await t.view());
    expect(overlay.get('do:reserve inventory#1')).toMatchObject({
      status: 'done',
      divergence: {
        run: 2,
        expected: { kind: 'do', name: 'reserve stock', count: 1 },
        got: { kind: 'do', name: 'reserve inventory', count: 1 },
      },
    });
    expect(overlay.get('sleep:nap#1')?.divergence).toBeNull();
  });
});
