/**
 * Stop means stop (issue #18) for code outside any step: a CPU loop in `run()` itself or in an asyncio
 * callback it scheduled has no attempt to interrupt. Terminate interrupts that instance's code (Python raises
 * it only there) and is journaled within about a second, without restarting the executor, while another
 * instance carries on; code that swallows the interrupt costs a restart, which terminates it before any other
 * instance resumes. Timings are measured on the page's clock: the click, and the `wall` of journal events.
 */
import { expect, type Page, test } from '@playwright/test';
import type { JournalEvent } from '../src/engine';
import { encodeShareLink } from '../src/export';
import { collectNotices, notices, readInstance, run, waitForStatus, waitReady } from './executor-helpers';
import { selectedId } from './history-helpers';
import { runFromDialog } from './studio-helpers';

const BEFORE = `from workers import WorkflowEntrypoint

class LoopWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("before")
        async def before():
            return 1

        await before()
`;

/** Loops in run() itself, after a first step. */
const LOOP_IN_RUN = `${BEFORE}        n = 0
        while True:
            n += 1
`;

/**
 * Loops from run()'s first line: the instance's create must be answered before it starts (the page selects
 * the instance and closes the run dialog while it loops).
 */
const LOOP_AT_START = `from workers import WorkflowEntrypoint

class LoopWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        n = 0
        while True:
            n += 1
`;

/** Loops in an asyncio callback run() scheduled; run() itself awaits. */
const LOOP_IN_CALLBACK = `import asyncio
${BEFORE}
        def spin():
            n = 0
            while True:
                n += 1

        asyncio.get_event_loop().call_soon(spin)
        await asyncio.sleep(600)
`;

/** Loops in run() and swallows every interrupt: only a restart ends it. */
const SWALLOWS_INTERRUPTS = `${BEFORE}        n = 0
        while True:
            try:
                while True:
                    n += 1
            except BaseException:
                pass
`;

/** Another instance: short steps between sleeps, so none is in flight while the other one spins. */
const TICKS = `from workers import WorkflowEntrypoint

class TickWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        total = 0
        for i in range(8):
            @step.do(f"tick_{i}")
            async def tick():
                return i

            total += await tick()
            await step.sleep(f"nap_{i}", "0.4 seconds")
        return total
`;

const wallOf = (journal: JournalEvent[], type: JournalEvent['type']) => journal.find((e) => e.type === type)?.wall;

/**
 * Opens `source` from a share link, starts the ticking instance, runs `source` from the editor (selecting its
 * instance), and returns that instance's id (its code starts spinning at once).
 */
async function runLooping(page: Page, source: string): Promise<string> {
  const shared = encodeShareLink({ name: 'loop_flow.py', source });
  if (!shared.ok) throw new Error(shared.message);
  await page.goto(`/#${shared.fragment}`);
  await waitReady(page);
  await collectNotices(page);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('LoopWorkflow', { timeout: 30_000 });
  await run(page, { source: TICKS, workflowName: 'tick-workflow', id: 'tick-1', fileId: 'e2e-ticks' });
  await runFromDialog(page);
  return selectedId(page);
}

/**
 * Waits in the page until the status bar shows Python busy in the run() of `id` (the worker said whose code
 * holds it), then clicks `button` as a user would; returns when (the page's `Date.now()`, the clock of the
 * journal's `wall`). In the page, not by polling from the test: under load each round trip from the test costs
 * about a second, and 5 s after the worker went silent the watchdog interrupts the loop itself and the run
 * errors — a click landing after that found the instance errored (the toolbar's Terminate disabled).
 */
function clickWhenBusy(page: Page, id: string, button: 'busy-terminate' | 'kill-executor'): Promise<number> {
  return page.evaluate(
    ([text, testId]) =>
      new Promise<number>((resolve, reject) => {
        const until = Date.now() + 15_000;
        const poll = () => {
          const busy = document.querySelector('[data-testid="python-busy"]')?.textContent ?? '';
          const target = document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`);
          if (busy.startsWith('Python busy') && busy.includes(text) && target) {
            const at = Date.now();
            target.click();
            resolve(at);
          } else if (Date.now() > until) reject(new Error(`not busy in ${text}: "${busy}"`));
          else setTimeout(poll, 20);
        };
        poll();
      }),
    [`run() of ${id}`, button] as const,
  );
}

/** Runs `source` and clicks the busy line's Terminate once it names the instance's run(). */
async function terminateWhileBusy(page: Page, source: string): Promise<{ id: string; clickedAt: number }> {
  const id = await runLooping(page, source);
  const clickedAt = await clickWhenBusy(page, id, 'busy-terminate');
  expect((await readInstance(page, 'tick-1')).summary?.status).not.toBe('complete');
  return { id, clickedAt };
}

/** The terminated instance: journaled terminated, no failure, `run()` started once (never resumed into its loop). */
async function expectTerminatedOnce(page: Page, id: string): Promise<JournalEvent[]> {
  await waitForStatus(page, id, 'terminated');
  const { journal } = await readInstance(page, id);
  expect(journal.filter((e) => e.type === 'run-started')).toHaveLength(1);
  expect(journal.filter((e) => e.type.endsWith('failed'))).toEqual([]);
  expect(journal.at(-1)?.type).toBe('terminated');
  return journal;
}

test.describe('stop means stop: code outside any step', () => {
  for (const [where, source] of [
    ['run() itself', LOOP_IN_RUN],
    ['an asyncio callback', LOOP_IN_CALLBACK],
  ] as const) {
    test(`Terminate of an instance looping in ${where} ends it within 1 s, without a restart, while another instance completes`, async ({
      page,
    }) => {
      const { id, clickedAt } = await terminateWhileBusy(page, source);
      const journal = await expectTerminatedOnce(page, id);
      const terminatedMs = (wallOf(journal, 'terminated') ?? Number.NaN) - clickedAt;
      console.log(`loop in ${where}: Terminate clicked → terminated journaled ${terminatedMs} ms`);
      expect(terminatedMs).toBeLessThanOrEqual(3_000);
      await expect(page.getByTestId('python-busy')).toHaveCount(0);
      await waitForStatus(page, 'tick-1', 'complete');
      expect((await readInstance(page, 'tick-1')).journal.filter((e) => e.type.endsWith('failed'))).toEqual([]);
      // Interrupted, not restarted: the executor that ran the loop is the one still serving.
      await expect(page.getByTestId('executor-status')).toHaveText(/^Python ready/);
      expect((await notices(page)).filter((n) => n.name === 'ExecutorRestarted')).toEqual([]);
      await page.waitForTimeout(500);
      expect((await readInstance(page, id)).journal.at(-1)?.type).toBe('terminated');
    });
  }

  test('code that swallows the interrupt costs a restart, which terminates it before the other instance resumes', async ({
    page,
  }) => {
    const { id, clickedAt } = await terminateWhileBusy(page, SWALLOWS_INTERRUPTS);
    const journal = await expectTerminatedOnce(page, id);
    const terminatedAt = wallOf(journal, 'terminated') ?? Number.NaN;
    await waitForStatus(page, 'tick-1', 'complete');
    const ticks = (await readInstance(page, 'tick-1')).journal;
    const resumedAt = ticks.find((e) => e.type === 'run-started' && (e.wall ?? 0) > clickedAt)?.wall ?? Number.NaN;
    console.log(
      `restart path: Terminate clicked → terminated journaled ${terminatedAt - clickedAt} ms, → other instance running again ${resumedAt - clickedAt} ms`,
    );
    expect(terminatedAt).toBeLessThan(resumedAt); // journaled before any other instance resumed
    // The grace after the interrupt, then the next executor's journal (no Python): about 1 s, 3 s for CI load.
    // The other instance waits for Python as well (the new executor's boot).
    expect(terminatedAt - clickedAt).toBeLessThanOrEqual(3_000);
    expect(ticks.filter((e) => e.type.endsWith('failed'))).toEqual([]);
    expect((await notices(page)).filter((n) => n.name === 'ExecutorRestarted')).toHaveLength(1);
  });

  test('Kill now while run() loops from its first line: the instance is journaled errored naming the action, never re-entered; the other completes', async ({
    page,
  }) => {
    const id = await runLooping(page, LOOP_AT_START);
    const clickedAt = await clickWhenBusy(page, id, 'kill-executor');
    await expect.poll(async () => (await readInstance(page, id)).summary?.status, { timeout: 30_000 }).toBe('errored');
    const { journal } = await readInstance(page, id);
    expect(journal.at(-1)).toMatchObject({
      type: 'run-errored',
      run: 1,
      error: {
        name: 'RunStoppedError',
        message: expect.stringMatching(
          /^run\(\) kept Python busy \d+\.\d s outside any step and was stopped by "Kill now"\.$/,
        ),
      },
    });
    console.log(
      `Kill now on a run() loop: clicked → errored journaled ${(wallOf(journal, 'run-errored') ?? 0) - clickedAt} ms`,
    );
    const lags: number[] = [];
    for (let i = 0; i < 5; i++) lags.push(await lag(page));
    expect(Math.max(...lags)).toBeLessThan(1_000);
    await waitForStatus(page, 'tick-1', 'complete');
    // Never resumed into its loop: one run, and nothing after its error.
    await expect(page.getByTestId('python-busy')).toHaveCount(0);
    const after = (await readInstance(page, id)).journal;
    expect(after.filter((e) => e.type === 'run-started')).toHaveLength(1);
    expect(after.at(-1)?.type).toBe('run-errored');
    expect((await notices(page)).filter((n) => n.name === 'ExecutorRestarted')).toHaveLength(1);
  });
});

/** How long the page's main thread takes to run a zero-delay timer now (it must stay responsive). */
const lag = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        setTimeout(() => resolve(performance.now() - t0), 0);
      }),
  );
