import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { AttemptFailedEvent } from '../src/engine';
import {
  collectNotices,
  notices,
  READY_TIMEOUT,
  readInstance,
  run,
  waitForStatus,
  waitReady,
} from './executor-helpers';

/** The first attempt never yields (a CPU loop); the retry returns at once. */
const RUNAWAY = `from workers import WorkflowEntrypoint

class RunawayWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("spin", config={"retries": {"limit": 1, "delay": "1 second", "backoff": "constant"}, "timeout": "2 seconds"})
        async def spin(ctx):
            if ctx["attempt"] == 1:
                n = 0
                while True:
                    n += 1
            return "stopped spinning"

        return await spin()
`;

test.describe('executor: runaway Python', () => {
  test('an endless loop in a step is interrupted at its timeout, journaled as a failed attempt and retried; the page stays responsive', async ({
    page,
  }) => {
    await page.goto('/');
    await waitReady(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await collectNotices(page);
    await run(page, { source: RUNAWAY, workflowName: 'runaway-workflow', id: 'spin-1' });

    // While Python spins in the worker, the page answers at once.
    await expect.poll(async () => (await readInstance(page, 'spin-1')).summary?.status).toBe('running');
    const lags: number[] = [];
    for (let i = 0; i < 5; i++) {
      lags.push(
        await page.evaluate(() => {
          const t0 = performance.now();
          return new Promise<number>((resolve) => setTimeout(() => resolve(performance.now() - t0), 0));
        }),
      );
      await page.waitForTimeout(200);
    }
    // A blocked main thread would stall for the whole 2 s timeout; half of it leaves room for a loaded CI machine.
    expect(Math.max(...lags)).toBeLessThan(1000);
    await page.mouse.move(200, 200);
    await expect(page.getByTestId('executor-status')).toBeVisible();

    await waitForStatus(page, 'spin-1', 'complete', READY_TIMEOUT);
    const { journal } = await readInstance(page, 'spin-1');
    const failed = journal.filter((e): e is AttemptFailedEvent => e.type === 'attempt-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      name: 'spin',
      attempt: 1,
      error: { name: 'WorkflowTimeoutError', message: 'Execution timed out after 2000ms' },
    });
    expect(failed[0]?.error.traceback).toContain('KeyboardInterrupt');
    expect(journal.find((e) => e.type === 'run-finished')).toMatchObject({ output: 'stopped spinning' });
    // Interrupted, not killed: the same worker carried on.
    expect(await notices(page)).toEqual([
      expect.objectContaining({
        name: 'Interrupted',
        message: 'Python was interrupted: Step "spin" (attempt 1) of instance spin-1 ran past its timeout of 2 s.',
      }),
    ]);
    mkdirSync('e2e-artifacts', { recursive: true });
    await page.screenshot({ path: 'e2e-artifacts/executor-runaway.png' });
  });

  test('the second load of the studio starts Python warm from the memory snapshot it stored', async ({ page }) => {
    await page.goto('/');
    const first = await waitReady(page);
    expect(first).toMatchObject({ python: { snapshot: 'shipped' } });
    // The snapshot is stored after "ready"; wait for its file in the origin-private file system (OPFS).
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const root = await navigator.storage.getDirectory();
          const dir = await root.getDirectoryHandle('pyodide-snapshots', { create: true });
          // The file exists (empty) from the start of the write, and the data lands in it when the write is
          // closed (until then Chromium writes a `.crswap` file next to it).
          const names: string[] = [];
          for await (const handle of (dir as unknown as { values(): AsyncIterable<FileSystemFileHandle> }).values()) {
            if (!handle.name.endsWith('.crswap') && (await handle.getFile()).size > 0) names.push(handle.name);
          }
          return names;
        }),
      )
      .toEqual([expect.stringMatching(/^pyodide-.+-sdk-.+\.snapshot$/)]);
    await page.reload();
    const second = await waitReady(page);
    expect(second).toMatchObject({ warm: true, python: { snapshot: 'used' } });
    await expect(page.getByTestId('executor-status')).toHaveText(/^Python ready \(warm start \d+\.\d s\)$/);
    if (second.status === 'ready' && first.status === 'ready') {
      // Both restore a snapshot (shipped, then this browser's own), so neither is reliably the faster one.
      console.log(`shipped ${Math.round(first.coldStartMs)} ms → warm ${Math.round(second.coldStartMs)} ms`);
    }
  });
});
