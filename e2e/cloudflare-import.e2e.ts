/**
 * Cloudflare's instance JSON in the studio: import (dialog, then a dropped list), the read-only instance with its
 * history at Cloudflare's times, summary and truncated marker, and "Replay against this code" — compatible, then
 * diverged after a rename — and the table for every imported instance. Fixtures: src/cli/__fixtures__/cf-*.json
 * (the documented shape of GET …/instances/{id}) for src/export/__fixtures__/order_workflow.py.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { attemptsOf, lanes, selectedId, snapHistory } from './history-helpers';
import { node, openStudio, recordErrors, replaceEditorText, snap } from './studio-helpers';

const ORDER = 'src/cli/__fixtures__/cf-order-a17.json';
const ORDERS_TEXT = readFileSync('src/cli/__fixtures__/cf-orders.json', 'utf8');
const SOURCE = readFileSync('src/export/__fixtures__/order_workflow.py', 'utf8');
const RENAMED = readFileSync('src/export/__fixtures__/order_workflow_renamed.py', 'utf8');

/** Drops a file on the instance list, as a file dragged from the desktop would be. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  await page.locator('.instances').evaluate(
    (el, { name, text }) => {
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type: 'application/json' }));
      el.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    { name, text },
  );
}

test('a Cloudflare instance imported read-only, replayed against the code: compatible, then diverged; a list gives the table', async ({
  page,
}) => {
  const errors = recordErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openStudio(page);
  await replaceEditorText(page, SOURCE, 'async def charge_card(ctx, fetch_order):');
  await expect(node(page, 'charge_card')).toBeVisible();

  // Import one envelope through the dialog.
  await page.getByTestId('open-import').click();
  const dialog = page.getByTestId('import-dialog');
  // Journal files go one at a time; Cloudflare's JSON may be several at once.
  const journal = readFileSync('src/export/__fixtures__/order-complete.journal.json');
  await dialog.getByTestId('import-file').setInputFiles([
    { name: 'a.journal.json', mimeType: 'application/json', buffer: journal },
    { name: 'b.journal.json', mimeType: 'application/json', buffer: journal },
  ]);
  await expect(dialog.getByTestId('import-error')).toHaveText(
    "Journal files are imported one at a time (Cloudflare's instance JSON may be several at once); choose one of a.journal.json, b.journal.json. Nothing was imported.",
  );
  await dialog.getByTestId('import-file').setInputFiles(ORDER);
  await expect(dialog.getByTestId('cf-import-item')).toHaveText('cf-order-a17 · complete · 3 steps');
  await dialog.getByTestId('import-submit').click();
  await expect(dialog).toHaveCount(0);
  expect(await selectedId(page)).toBe('cf-order-a17');

  // One lane at Cloudflare's times, with why; two attempts of charge_card and the retry gap between them.
  await expect(page.getByTestId('history-cloudflare-note')).toContainText('Cloudflare does not expose its replays');
  await expect(lanes(page)).toHaveCount(1);
  await expect(attemptsOf(page, 'charge_card')).toHaveCount(2);
  await expect(page.getByTestId('history-retry-delay')).toHaveCount(1);
  await expect(page.getByTestId('history-sleep')).toHaveCount(1);
  await expect(node(page, 'charge_card')).toHaveAttribute('data-status', 'done');
  // The summary, and read-only: the actions that would run it are disabled, saying why.
  const panel = page.getByTestId('cf-panel');
  await expect(panel).toContainText('5f0c2a61-8d3e-4b7a-9f21-3c6d0e8b4a17');
  await expect(panel).toContainText('cf-order-a17.json');
  await expect(page.getByTestId('summary-params')).toContainText('A-17');
  await expect(page.getByTestId('summary-output')).toContainText('receipt for 42');
  await expect(page.getByTestId('action-pause')).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByTestId('action-pause')).toHaveAttribute('title', /Imported from Cloudflare/);
  await expect(page.locator('[data-instance-id="cf-order-a17"] [data-testid="instance-file"]')).toHaveText(
    '☁ Cloudflare · order_workflow.py',
  );
  // No "restart from here" in its history either: right-click says why instead of opening the dialog.
  await expect(page.locator('.hrow__restart')).toHaveCount(0);
  await page.locator('[data-testid="history-call"][data-name="charge_card"] .hrow__label').click({ button: 'right' });
  await expect(page.getByTestId('notice').last()).toContainText('No “restart from here” on this instance');
  await expect(page.getByTestId('notice').last()).toContainText('Imported from Cloudflare');
  await expect(page.getByTestId('restart-from-dialog')).toHaveCount(0);
  await snap(page, 'cloudflare-imported');
  await snapHistory(page, 'cloudflare-imported-history');

  // Replay against this code: the same code makes every recorded call.
  const asked = Date.now();
  await panel.getByTestId('cf-replay').click();
  await expect(panel.getByTestId('cf-verdict-word')).toHaveText('compatible', { timeout: 30_000 });
  // Save, load into Python, replay on the virtual clock (the recorded hour's sleep served), keep the replay.
  console.log(`verdict ${Date.now() - asked} ms after Replay (save, load, replay, keep)`);

  // Rename a step: the replay diverges there, and the replay instance's history shows where.
  await replaceEditorText(page, RENAMED, 'async def charge_payment(ctx, fetch_order):');
  await panel.getByTestId('cf-replay').click();
  await expect(panel.getByTestId('cf-verdict-word')).toHaveText('diverged', { timeout: 30_000 });
  await expect(panel.getByTestId('cf-verdict-detail')).toHaveText(
    'step do "charge_card" #1: expected it, got do "charge_payment" #1 (order_workflow.py:10)',
  );
  await panel.getByTestId('cf-open-replay').click();
  expect(await selectedId(page)).toBe('cf-order-a17-replay-2');
  // The replay ran on a virtual clock: charge_payment's 5 s retry delay has passed already, and it completed.
  await expect(page.getByTestId('toolbar-instance').locator('.status-pill')).toHaveText('complete', { timeout: 2_000 });
  await expect(attemptsOf(page, 'charge_payment')).toHaveCount(2);
  await expect(page.getByTestId('history-divergence')).toContainText('charge_payment');
  // The copy is read-only like the import: nothing runs it further after its verdict.
  await expect(page.getByTestId('cf-replay-copy')).toContainText('replay of cf-order-a17 against order_workflow.py');
  // It says what it is: a replay kept read-only, never "imported from Cloudflare" (it never ran there).
  await expect(page.getByTestId('action-pause')).toHaveAttribute(
    'title',
    'A replay of cf-order-a17 against this code, kept read-only so it never runs on the real clock after its verdict. To run on, use “Continue here” on cf-order-a17; Delete removes this copy.',
  );
  await expect(page.getByTestId('history-cloudflare-note')).toContainText(
    '↻ A replay on a virtual clock (replay of cf-order-a17 against order_workflow.py), read-only',
  );
  await expect(page.getByTestId('history-cloudflare-note')).not.toContainText('Imported from Cloudflare');
  await snap(page, 'cloudflare-replay-diverged');

  // A list of instances, dropped on the instance list; one output was truncated by the API.
  await replaceEditorText(page, SOURCE, 'async def charge_card(ctx, fetch_order):');
  await dropFile(page, 'cf-orders.json', ORDERS_TEXT);
  await expect(dialog.getByTestId('import-dropped')).toHaveText('Dropped: cf-orders.json');
  await expect(dialog.getByTestId('cf-import-item')).toHaveText([
    'order-b22 · waiting · 2 steps',
    'order-c31 · complete · 0 steps truncated: fetch_order-1',
  ]);
  await dialog.getByTestId('import-submit').click();
  await expect(dialog).toHaveCount(0);
  // Its history stops before the truncated step (no run end), yet the list and toolbar say Cloudflare's status.
  await expect(page.locator('[data-instance-id="order-c31"]')).toHaveAttribute('data-status', 'complete');
  await page.locator('[data-instance-id="order-c31"]').click();
  await expect(page.getByTestId('toolbar-instance').locator('.status-pill')).toHaveText('complete');
  await expect(page.getByTestId('cf-status')).toHaveText('complete (the history here stops early: see below)');
  // The Instance tab's pill says Cloudflare's status too, marked as such: the journal alone would read running.
  await expect(page.getByTestId('summary-status')).toHaveText('complete');
  await expect(page.getByTestId('summary-status-cut')).toHaveText("☁ Cloudflare's · history cut short");
  await expect(page.getByTestId('summary-status-cut')).toHaveAttribute('title', /its journal alone reads running/);
  await expect(page.getByTestId('summary-no-output')).toHaveText(
    'Not in the history here: it stops before run() returned (see the Cloudflare section).',
  );
  await snap(page, 'cloudflare-truncated-summary');
  await expect(page.getByTestId('cf-truncated')).toContainText('The API truncated the output of fetch_order-1');
  await expect(page.getByTestId('cf-full-output')).toHaveText(
    'GET /accounts/{account_id}/workflows/{workflow_name}/instances/{instance_id}/step?name=fetch_order-1&type=step',
  );

  // Every imported instance against the code: the table.
  await page.getByTestId('cf-replay-all').click();
  const table = page.getByTestId('cf-replays-table');
  const verdictOf = (id: string) => table.locator(`[data-instance-id="${id}"] [data-testid="cf-replays-verdict"]`);
  await expect(verdictOf('cf-order-a17')).toHaveText('compatible', { timeout: 30_000 });
  await expect(verdictOf('order-b22')).toHaveText('compatible', { timeout: 30_000 });
  await expect(verdictOf('order-c31')).toHaveText('stopped');
  await expect(table.locator('[data-instance-id="order-c31"] [data-testid="cf-replays-detail"]')).toContainText(
    'the API truncated its output, so the replay stops before it',
  );
  await snap(page, 'cloudflare-replay-table');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'cloudflare-replay-table-dark');
  await page.keyboard.press('Escape');
  await page.locator('[data-instance-id="cf-order-a17"]').click();
  await snap(page, 'cloudflare-imported-dark');

  expect(errors).toEqual([]);
});
