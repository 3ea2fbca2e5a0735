import { expect, type Page, test } from '@playwright/test';
import { lanes, readJournal, type StoredEvent, selectedId, snapHistory, toolbarStatus } from './history-helpers';
import { openStudio, READY_TIMEOUT, recordErrors, replaceEditorText, snap } from './studio-helpers';

const SOURCE = `from workers import WorkflowEntrypoint


class PrintsWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        who = event["payload"]["who"]
        print("before sleep")
        await step.sleep("nap", "1 second")
        print("after")
        return "hello " + who
`;

/** The lines run() printed in run `run`'s lane, as shown. */
const printed = (page: Page, run: number) =>
  page.locator(`[data-testid="history-output"][data-run="${run}"] .hrow__output-text`);

/** Run `run`'s lane bar (px, page). */
const laneBar = (page: Page, run: number) =>
  page.locator(`[data-testid="history-lane"][data-run="${run}"] .track__lane`).boundingBox();

/** The share of the axis the sleep's span takes as drawn, and its true share of the journal's time. */
async function sleepShare(page: Page): Promise<{ drawn: number; real: number }> {
  const events = (await readJournal(page, await selectedId(page))) as (StoredEvent & { at: number; until?: number })[];
  const started = events.find((e) => e.type === 'sleep-started')!;
  const real = (started.until! - started.at) / (events.at(-1)!.at - events.find((e) => e.type === 'run-started')!.at);
  const span = await page
    .locator('[data-testid="history-call"][data-run="1"] [data-testid="history-sleep"]')
    .boundingBox();
  const axis = await page.locator('.axis__pan').boundingBox();
  return { drawn: span!.width / axis!.width, real };
}

test.describe("history: run()'s own prints, the lane vocabulary, the time axis to scale", () => {
  test('a print above a sleep shows in run 1 and run 2 with no click but selecting the instance; tooltips; to scale', async ({
    page,
  }) => {
    const errors = recordErrors(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await openStudio(page);
    await replaceEditorText(page, SOURCE, 'PrintsWorkflow');
    await page.getByTestId('action-run').click();
    const dialog = page.getByTestId('run-dialog');
    await dialog.getByTestId('run-params').fill('{"who": "Ada"}');
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(dialog).toHaveCount(0, { timeout: 30_000 });
    await expect(toolbarStatus(page)).toHaveText('complete', { timeout: 30_000 });

    // A fresh page: the only click is selecting the instance.
    await page.reload();
    await expect(page.getByTestId('executor-status')).toHaveAttribute('data-status', 'ready', {
      timeout: READY_TIMEOUT,
    });
    await page.getByTestId('instance-row').first().click();
    // The instance itself, with no other click: its params and what run() returned (built from them).
    await expect(page.getByTestId('summary-params')).toContainText('"Ada"');
    await expect(page.getByTestId('summary-output')).toContainText('"hello Ada"');
    await expect(lanes(page)).toHaveCount(2);
    await expect(printed(page, 1)).toHaveText(['before sleep']);
    await expect(printed(page, 2)).toHaveText(['before sleep', 'after']);
    // In order with the calls: run 2 prints, its sleep ends, then it prints "after" (each burst tagged).
    const lane2 = page.locator('[data-run="2"]:is([data-testid="history-output"], [data-testid="history-call"])');
    await expect(lane2).toHaveCount(3);
    expect(await lane2.evaluateAll((rows) => rows.map((r) => r.textContent?.replace(/\s+/g, ' ').trim()))).toEqual([
      'run() printbefore sleep',
      'sleep nap⟲',
      'run() printafter',
    ]);

    // Every lane word explains itself.
    const lane = (run: number) => page.locator(`[data-testid="history-lane"][data-run="${run}"]`);
    await expect(lane(1).getByTestId('lane-reason')).toHaveText('created');
    await expect(lane(1).getByTestId('lane-reason')).toHaveAttribute(
      'title',
      /^created: the instance was just created/,
    );
    await expect(lane(1).getByTestId('lane-end')).toHaveAttribute('title', /^evicted: the run reached a sleep/);
    await expect(lane(2).getByTestId('lane-reason')).toHaveAttribute('title', /^woke: a sleep, retry delay/);
    await expect(lane(2).getByTestId('lane-end')).toHaveAttribute('title', /^finished: run\(\) returned/);
    await expect(page.locator('.hrow__output-tag').first()).toHaveAttribute(
      'title',
      /Printed by run\(\) outside any step/,
    );
    await snap(page, 'history-run-output-1280');
    await snapHistory(page, 'history-run-output-pane');

    // Compact (default): the idle second of the sleep is a marked break, so the sleep is drawn far shorter than
    // its share of the time. To scale: no break, and the sleep takes its true share of the axis.
    const scale = page.getByTestId('history-scale');
    await expect(scale).toHaveAttribute('aria-pressed', 'false');
    await expect(scale).toHaveAttribute('title', /^Time axis compact/);
    await expect(page.locator('.axis__break').first()).toBeVisible();
    const compact = await sleepShare(page);
    expect(compact.drawn).toBeLessThan(compact.real - 0.2);
    await scale.focus();
    await page.keyboard.press('Enter');
    await expect(scale).toHaveAttribute('aria-pressed', 'true');
    await expect(scale).toHaveAttribute('title', /^Time axis to scale/);
    await expect(page.locator('.axis__break')).toHaveCount(0);
    const scaled = await sleepShare(page);
    expect(Math.abs(scaled.drawn - scaled.real)).toBeLessThan(0.03);
    // Run 1 lasted milliseconds of a second-long axis: still drawn, at the minimum width.
    expect((await laneBar(page, 1))!.width).toBeGreaterThanOrEqual(3);
    await snapHistory(page, 'history-to-scale-pane');

    // Remembered across a reload; T with focus in the history toggles it back.
    await page.reload();
    await expect(page.getByTestId('executor-status')).toHaveAttribute('data-status', 'ready', {
      timeout: READY_TIMEOUT,
    });
    await page.getByTestId('instance-row').first().click();
    await expect(page.getByTestId('history-scale')).toHaveAttribute('aria-pressed', 'true');
    await page.getByTestId('history-list').focus();
    await page.keyboard.press('t');
    await expect(page.getByTestId('history-scale')).toHaveAttribute('aria-pressed', 'false');
    await expect(page.locator('.axis__break').first()).toBeVisible();
    // Zoomed in ("fit" appears too), the toggle still fits the label column at 1280 px.
    await page.keyboard.press('+');
    await expect(page.getByTestId('history-zoom-fit')).toBeVisible();
    const toggle = (await page.getByTestId('history-scale').boundingBox())!;
    const column = (await page.locator('.axis__label-col').boundingBox())!;
    expect(toggle.x + toggle.width).toBeLessThanOrEqual(column.x + column.width);
    await page.keyboard.press('0');

    // The help explains the history, including when a run ends here and on Cloudflare.
    await page.keyboard.press('?');
    const help = page.getByTestId('help-history');
    await expect(help).toContainText('How to read the history');
    await expect(help).toContainText('The studio ends a run at every sleep, wait for an event and retry delay');
    await expect(help).toContainText('Cloudflare may do so at any of them');
    await expect(help).toContainText('recovered: the executor stopped');
    await page.keyboard.press('Escape');

    await page.emulateMedia({ colorScheme: 'dark' });
    await snap(page, 'history-run-output-1280-dark');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await snap(page, 'history-run-output-1920-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await snap(page, 'history-run-output-1920');
    expect(errors).toEqual([]);
  });
});
