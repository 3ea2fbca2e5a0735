import { expect, test } from '@playwright/test';
import { node, openStudio, snap } from './studio-helpers';

test.describe('studio: keyboard and theme', () => {
  test('? opens the help, dialogs keep focus inside and close with Esc, Ctrl+Enter runs', async ({ page }) => {
    await openStudio(page);
    await page.locator('body').click({ position: { x: 700, y: 880 } });
    await page.keyboard.press('?');
    const help = page.getByTestId('help-dialog');
    await expect(help).toBeVisible();
    await expect(help).toContainText('Ctrl/Cmd + Enter');
    await expect(help).toContainText('Run the open file with the params used last');
    await snap(page, 'studio-help');
    // Tab never leaves the modal dialog.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(help).toHaveCount(0);

    // Ctrl+Enter in the editor runs the open file at once (params {} the first time).
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('instance-row')).toHaveCount(1, { timeout: 30_000 });
    await expect(node(page, 'fetch_order')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    // The starter sleeps 10 s after charge_card: a live countdown, and Skip wait (S) ends it now.
    await expect(node(page, 'cool-off')).toHaveAttribute('data-status', 'sleeping');
    await expect(node(page, 'cool-off').getByTestId('countdown')).toHaveText(/^wakes in 0:(0\d|10)$/);
    await page.locator('body').click({ position: { x: 700, y: 880 } });
    await page.keyboard.press('s');
    await expect(node(page, 'send_receipt')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(page.getByTestId('instance-row').first()).toHaveAttribute('data-status', 'complete');
    // The editor kept its text: Ctrl+Enter did not insert a line.
    await expect(page.getByTestId('save-status')).toHaveText('saved · v1');
  });

  test('follows the OS colour scheme, live', async ({ page }) => {
    await openStudio(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('.monaco-editor')).toHaveClass(/vs-dark/);
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(30, 30, 30)');
    await page.getByTestId('open-samples').click();
    await snap(page, 'studio-dark-samples');
    await page.keyboard.press('Escape');
    await node(page, 'charge_card').click();
    await snap(page, 'studio-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('.monaco-editor')).not.toHaveClass(/vs-dark/);
  });
});
