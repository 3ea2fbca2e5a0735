import { expect, test } from '@playwright/test';
import { lanes, toolbarStatus } from './history-helpers';
import { node, openSample, openStudio, recordErrors, runFromDialog, snap } from './studio-helpers';

/**
 * The studio at work, as the README shows it: a finished instance of the "Sleep and replay" sample on a large
 * screen — the graph overlay, two history lanes each with what run() printed outside its steps, and the instance
 * summary. `UPDATE_SCREENSHOT=1` writes the picture to docs/screenshot.png; every run checks what it shows.
 */
test('a finished sample shows the graph overlay, two lanes with run() prints and the instance summary', async ({
  page,
}) => {
  const errors = recordErrors(page);
  await page.setViewportSize({ width: 1600, height: 960 });
  await openStudio(page);
  await openSample(page, 'Sleep and replay');
  await runFromDialog(page);
  await expect(toolbarStatus(page)).toHaveText('complete', { timeout: 60_000 });

  await expect(lanes(page)).toHaveCount(2);
  for (const run of [1, 2]) {
    await expect(page.locator(`[data-testid="history-output"][data-run="${run}"] .hrow__output-text`)).toHaveText([
      'run() starts from the top',
    ]);
  }
  for (const name of ['draft', 'send']) await expect(node(page, name)).toHaveAttribute('data-status', 'done');
  const summary = page.getByTestId('instance-summary');
  await expect(summary).toHaveAttribute('data-status', 'complete');
  await expect(summary).toContainText('Durable execution, explained');

  await snap(page, 'readme-screenshot');
  if (process.env.UPDATE_SCREENSHOT) await page.screenshot({ path: 'docs/screenshot.png' });
  expect(errors).toEqual([]);
});
