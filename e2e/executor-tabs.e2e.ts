import { expect, type Page, test } from '@playwright/test';
import {
  openProbe,
  PROBE_CHANNEL,
  readInstance,
  run,
  succeededPrints,
  waitForStatus,
  waitReady,
} from './executor-helpers';

/**
 * Five steps that each print once, slow enough that both tabs are open while it runs, then a sleep long enough
 * to close the leader in. Every step body also logs its name to the worker's console, which the test hears,
 * so executions are counted from outside both tabs.
 */
const COUNTED = `import asyncio
import js
from workers import WorkflowEntrypoint

class CountedWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        probe = js.console
        for i in range(5):
            @step.do(f"step-{i}")
            async def work():
                probe.log(f"${PROBE_CHANNEL}: step-{i}")
                await asyncio.sleep(0.2)
                print(f"step-{i} ran")
                return i

            await work()
        await step.sleep("pause", "5 seconds")

        @step.do("last")
        async def last():
            probe.log("${PROBE_CHANNEL}: last")
            print("last ran")
            return "done"

        return await last()
`;

/**
 * The dedicated workers of a page that are the Python executor (not Monaco's editor worker): the one running
 * and, once it is ready, the standby spawned ahead for a restart (its script loaded, no Python).
 */
const executorWorkers = (page: Page) => page.workers().filter((w) => /\/assets\/worker-[^/]*\.js/.test(w.url()));
/** A tab that leads has its executor and at most the standby beside it. */
const expectLeaderWorkers = (page: Page) => expect([1, 2]).toContain(executorWorkers(page).length);

test.describe('executor: one leader tab executes, the others follow', () => {
  test('two tabs: only the leader runs Python, a follower’s commands run once there, and it takes over on close', async ({
    context,
  }) => {
    const executions = await openProbe(await context.newPage());
    const leader = await context.newPage();
    await leader.goto('/');
    expect(await waitReady(leader)).toMatchObject({ role: 'leader' });

    const follower = await context.newPage();
    await follower.goto('/');
    expect(await waitReady(follower)).toMatchObject({ role: 'follower' });
    expectLeaderWorkers(leader);
    expect(executorWorkers(follower)).toHaveLength(0);

    // Created from the follower: forwarded to the leader, executed there once, visible in both tabs.
    await run(follower, { source: COUNTED, workflowName: 'counted-workflow', id: 'tabs-1' });
    await waitForStatus(follower, 'tabs-1', 'waiting');
    const beforeClose = await readInstance(leader, 'tabs-1');
    expect(succeededPrints(beforeClose.journal)).toEqual([
      'step-0 ran',
      'step-1 ran',
      'step-2 ran',
      'step-3 ran',
      'step-4 ran',
    ]);

    // The leader closes mid-sleep: the follower gets the lock, starts its executor and finishes the instance.
    const closedAt = Date.now();
    await leader.close();
    await expect.poll(() => follower.evaluate(() => window.__studio?.getState().role)).toBe('leader');
    await waitReady(follower);
    expectLeaderWorkers(follower);
    await waitForStatus(follower, 'tabs-1', 'complete');
    const { journal } = await readInstance(follower, 'tabs-1');
    expect(succeededPrints(journal)).toEqual([
      'step-0 ran',
      'step-1 ran',
      'step-2 ran',
      'step-3 ran',
      'step-4 ran',
      'last ran',
    ]);
    // No event was written twice: every (instance, seq) is unique and the sequence has no gaps.
    expect(journal.map((e) => e.seq)).toEqual(journal.map((_, i) => i + 1));
    // The follower finished what the leader started: the sleep ended after the leader was gone (so `last` ran there),
    // and across both tabs every step body ran exactly once (counted outside both by the probe page).
    expect(beforeClose.journal.some((e) => e.type === 'sleep-finished')).toBe(false);
    expect(journal.find((e) => e.type === 'sleep-finished')?.wall).toBeGreaterThan(closedAt);
    expect(await executions()).toEqual(['step-0', 'step-1', 'step-2', 'step-3', 'step-4', 'last']);
  });

  test('the follower tab shows the instance live as the leader journals it', async ({ context }) => {
    const leader = await context.newPage();
    await leader.goto('/');
    await waitReady(leader);
    const follower = await context.newPage();
    await follower.goto('/');
    await waitReady(follower);
    await expect(follower.getByTestId('executor-status')).toHaveText(
      /^Python ready \((warm start|cold start|start from the shipped snapshot) /,
    );
    await expect(follower.getByText(/Runs in another tab/)).toBeVisible();
    await run(leader, { source: COUNTED, workflowName: 'counted-workflow', id: 'tabs-2' });
    // Read in the follower while the leader runs: the journal grows there too.
    await expect
      .poll(async () => succeededPrints((await readInstance(follower, 'tabs-2')).journal).length)
      .toBeGreaterThanOrEqual(3);
  });
});
