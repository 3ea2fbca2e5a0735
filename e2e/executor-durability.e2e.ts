import { expect, test } from '@playwright/test';
import type { SleepStartedEvent } from '../src/engine';
import {
  READY_TIMEOUT,
  readInstance,
  recordErrors,
  run,
  succeededPrints,
  waitForStatus,
  waitReady,
} from './executor-helpers';
import { openSample, openStudio, runFromDialog, snap } from './studio-helpers';

const HELLO = `from workers import WorkflowEntrypoint

class HelloWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("greet")
        async def greet():
            print("greet ran")
            return "Hello, " + event["payload"]["name"]

        @step.do("shout")
        async def shout(greet):
            print("shout ran")
            return greet.upper() + "!"

        return await shout()
`;

/** A step, a sleep of SLEEP seconds, a step: the sleep survives a reload. */
const SLEEPY = (seconds: number) => `from workers import WorkflowEntrypoint

class SleepyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("before")
        async def before():
            print("before ran")
            return 1

        await before()
        await step.sleep("nap", "${seconds} seconds")

        @step.do("after")
        async def after():
            print("after ran")
            return 2

        return await after()
`;

/** Ten steps of ~300 ms each (awaiting, so the worker stays responsive): long enough to kill it mid-run. */
const SLOW_STEPS = `import asyncio
from workers import WorkflowEntrypoint

class SlowWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        total = 0
        for i in range(10):
            @step.do(f"step-{i}")
            async def work():
                await asyncio.sleep(0.3)
                print(f"step-{i} ran")
                return i

            total += await work()
        return total
`;

test.describe('executor: durable runs in the browser', () => {
  test('a sample run from the Run dialog completes, shows in the instances list, and each step ran once', async ({
    page,
  }) => {
    await openStudio(page);
    expect(await page.evaluate(() => window.__studio?.getState())).toMatchObject({
      role: 'leader',
      python: { snapshot: 'shipped' },
    });
    await openSample(page, 'Hello world');
    await runFromDialog(page);
    const row = page.getByTestId('instance-row').first();
    await expect(row).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
    const id = (await row.getAttribute('data-instance-id')) as string;
    const { summary, journal } = await readInstance(page, id);
    expect(summary).toMatchObject({ workflowName: 'hello-workflow', status: 'complete', steps: 1, error: null });
    expect(succeededPrints(journal)).toEqual(['greeting Ada']);
    await snap(page, 'executor-sample-complete');
  });

  test('runs a two-step workflow through the client, journaled in IndexedDB; a duplicate id gets the engine’s message', async ({
    page,
  }) => {
    const errors = recordErrors(page);
    await page.goto('/');
    await waitReady(page);
    await run(page, { source: HELLO, workflowName: 'hello-workflow', id: 'hello-1', params: { name: 'Ada' } });
    await waitForStatus(page, 'hello-1', 'complete');
    const { summary, journal } = await readInstance(page, 'hello-1');
    expect(summary).toMatchObject({ workflowName: 'hello-workflow', status: 'complete', steps: 2, error: null });
    expect(journal.find((e) => e.type === 'run-finished')).toMatchObject({ output: 'HELLO, ADA!' });
    expect(succeededPrints(journal)).toEqual(['greet ran', 'shout ran']);
    await expect(page.locator('[data-testid="instance-row"][data-instance-id="hello-1"]')).toHaveAttribute(
      'data-status',
      'complete',
    );
    const duplicate = await page.evaluate(() =>
      window.__studio?.create({ fileId: 'e2e-file', workflowName: 'hello-workflow', id: 'hello-1' }).then(
        () => 'created',
        (e: Error) => `${e.name}: ${e.message}`,
      ),
    );
    expect(duplicate).toBe(
      'WorkflowError: (instance.already_exists) Workflow instance with id "hello-1" already exists',
    );
    expect(errors).toEqual([]);
  });

  test('a reload mid-sleep wakes the instance on time, without re-running the step before the sleep', async ({
    page,
  }) => {
    await page.goto('/');
    await waitReady(page);
    await run(page, { source: SLEEPY(6), workflowName: 'sleepy-workflow', id: 'sleepy-1' });
    await waitForStatus(page, 'sleepy-1', 'waiting');
    await page.reload();
    const after = await waitReady(page);
    const readyAt = Date.now();
    expect(after.role).toBe('leader');
    await waitForStatus(page, 'sleepy-1', 'complete', 30_000);
    const { journal } = await readInstance(page, 'sleepy-1');
    expect(succeededPrints(journal)).toEqual(['before ran', 'after ran']);
    const sleep = journal.find((e): e is SleepStartedEvent => e.type === 'sleep-started');
    const woke = journal.find((e) => e.type === 'sleep-finished');
    expect(sleep && woke).toBeTruthy();
    // On time: not before the journaled wake time, and within a second and a half of it — or, when a loaded
    // machine took longer than the sleep to reload, of Python being ready again (the wake time had passed).
    expect((woke?.wall ?? 0) - (sleep?.until ?? 0)).toBeGreaterThanOrEqual(0);
    expect((woke?.wall ?? 0) - Math.max(sleep?.until ?? 0, readyAt)).toBeLessThan(1_500);
    const runs = journal.filter((e) => e.type === 'run-started').map((e) => e.type === 'run-started' && e.reason);
    expect(runs).toEqual(['create', 'wake']);
  });

  test('a sleep whose wake time passed while the page was closed resumes on the next load', async ({ page }) => {
    await page.goto('/');
    await waitReady(page);
    await run(page, { source: SLEEPY(2), workflowName: 'sleepy-workflow', id: 'overdue-1' });
    await waitForStatus(page, 'overdue-1', 'waiting');
    await page.goto('about:blank');
    await page.waitForTimeout(3_000); // the studio is closed while the wake time passes
    await page.goto('/');
    await waitReady(page);
    await waitForStatus(page, 'overdue-1', 'complete');
    const { journal } = await readInstance(page, 'overdue-1');
    expect(succeededPrints(journal)).toEqual(['before ran', 'after ran']);
  });

  test('killing the worker mid-run restarts it and the instance finishes with every step run once', async ({
    page,
  }) => {
    await page.goto('/');
    await waitReady(page);
    await run(page, { source: SLOW_STEPS, workflowName: 'slow-workflow', id: 'slow-1' });
    await expect
      .poll(async () => succeededPrints((await readInstance(page, 'slow-1')).journal).length)
      .toBeGreaterThanOrEqual(3);
    await page.evaluate(() => window.__studio?.killExecutor());
    const status = page.getByTestId('executor-status');
    await expect(status).toHaveAttribute('data-status', 'restarting');
    await expect(status).toContainText('Python restarting… (killed from the studio)');
    await expect(status).toHaveText(/^Python ready \(warm start \d+\.\d s\)$/, { timeout: READY_TIMEOUT });
    await waitForStatus(page, 'slow-1', 'complete');
    const { journal } = await readInstance(page, 'slow-1');
    expect(journal.find((e) => e.type === 'run-finished')).toMatchObject({ output: 45 });
    expect(succeededPrints(journal)).toEqual(Array.from({ length: 10 }, (_, i) => `step-${i} ran`));
    expect(journal.filter((e) => e.type === 'run-started').map((e) => e.type === 'run-started' && e.reason)).toEqual([
      'create',
      'recover',
    ]);
  });

  test('crash injection just before a step attempt: the lost attempt is journaled and retried after recovery', async ({
    page,
  }) => {
    await page.goto('/');
    await waitReady(page);
    await page.evaluate(() => window.__studio?.killAtNextStep());
    await run(page, { source: HELLO, workflowName: 'hello-workflow', id: 'crash-1', params: { name: 'Bo' } });
    await waitForStatus(page, 'crash-1', 'complete');
    const { journal } = await readInstance(page, 'crash-1');
    expect(journal.find((e) => e.type === 'attempt-failed')).toMatchObject({
      name: 'greet',
      attempt: 1,
      error: { name: 'WorkflowInternalError', message: 'Attempt failed due to internal workflows error' },
    });
    expect(succeededPrints(journal)).toEqual(['greet ran', 'shout ran']);
  });
});
