/**
 * The studio is usable while Python boots: the UI does not wait for the executor. Pyodide's wasm is held back
 * by a route until the test lets it through, so the cold start lasts as long as the test needs, whatever the
 * machine's speed.
 */
import { expect, test } from '@playwright/test';
import { readInstance, succeededPrints } from './executor-helpers';
import { node, openSample, READY_TIMEOUT, recordErrors, runFromDialog, snap } from './studio-helpers';

test.describe('studio: cold start', () => {
  test('while Python starts, the user edits and sees the graph; Run is disabled with the boot phase as reason, then runs', async ({
    page,
  }) => {
    const errors = recordErrors(page);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // A plain load: what a first visit does when the host serves no snapshot with the studio (404 here).
    await page
      .context()
      .route(/\/pyodide\/[^/]+\/snapshots\/[^/]+\.bin\.gz$/, (route) =>
        route.fulfill({ status: 404, body: 'not shipped' }),
      );
    // Context-wide, so the executor worker's fetch is caught too.
    await page.context().route('**/pyodide/*/pyodide.asm.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/');

    const status = page.getByTestId('executor-status');
    await expect(status).toHaveAttribute('data-phase', 'loading-python', { timeout: READY_TIMEOUT });
    await expect(status).toHaveText(/^Python is starting… \d+\.\d s · loading Pyodide$/);

    // Editor, samples, graph and instances list work without Python.
    await openSample(page, 'Hello world');
    const code = page.locator('.monaco-editor .view-lines');
    await expect(code).toContainText('class HelloWorkflow(WorkflowEntrypoint):');
    await page.locator('.monaco-editor .view-line', { hasText: 'return await greet()' }).click();
    await page.keyboard.press('End');
    await page.keyboard.type('  # typed while Python starts');
    await expect(code).toContainText('return await greet()  # typed while Python starts');
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
    await expect(node(page, 'greet')).toBeVisible();
    await expect(page.getByText('No instances yet — run the workflow')).toBeVisible();

    // Run is disabled and says why; the toolbar shows the boot's time and phase.
    const run = page.getByTestId('action-run');
    await expect(run).toBeDisabled(); // aria-disabled: still focusable, so its tooltip can say why
    await expect(run).toHaveAttribute(
      'title',
      'Python is starting (loading Pyodide): this is enabled once Python is ready.',
    );
    await expect(page.getByTestId('python-wait')).toHaveText(/^Python starting… \d+\.\d s$/);
    await expect(page.getByTestId('python-wait')).toHaveAttribute('title', /^Python is starting: loading Pyodide\./);
    await expect(page.getByTestId('action-load-code')).toBeDisabled();
    // Every toolbar button stays on screen at 1440 px while the boot time is shown.
    const overflow = await page.locator('header.toolbar').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await snap(page, 'cold-start-editing');
    await run.click({ force: true }); // past Playwright's wait for an enabled button: a click does nothing
    await expect(page.getByTestId('run-dialog')).toHaveCount(0);
    // Ctrl/Cmd+Enter in the editor says so instead of running later, unasked.
    await page.locator('.monaco-editor .view-line', { hasText: 'return await greet()' }).click();
    await page.keyboard.press('Control+Enter');
    const notice = page.getByTestId('notice').filter({ hasText: 'Python is not ready' });
    await expect(notice).toContainText('Python is starting (loading Pyodide): this is enabled once Python is ready.');
    expect(await page.evaluate(() => window.__studio?.getState().status)).toBe('starting');

    release();
    await expect(status).toHaveAttribute('data-status', 'ready', { timeout: READY_TIMEOUT });
    await expect(run).toBeEnabled();
    await expect(page.getByTestId('python-wait')).toHaveCount(0);
    await runFromDialog(page);
    const row = page.getByTestId('instance-row').first();
    await expect(row).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
    const { journal } = await readInstance(page, (await row.getAttribute('data-instance-id')) as string);
    expect(succeededPrints(journal)).toEqual(['greeting Ada']);
    await snap(page, 'cold-start-then-run');
    expect(errors).toEqual([]);
  });
});
