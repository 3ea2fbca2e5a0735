import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';

const READY_TIMEOUT = 60_000;

/** Every URL the page, its workers and the context request, from the first navigation on. */
function recordRequests(page: Page): Set<string> {
  const urls = new Set<string>();
  const add = (url: string) => urls.add(url);
  page.context().on('request', (r) => add(r.url()));
  page.on('request', (r) => add(r.url()));
  page.on('worker', (w) => add(w.url()));
  return urls;
}

/** Fails the test on uncaught page errors and console errors. */
function recordErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

test.describe('studio shell', () => {
  test('boots Python, shows the starter workflow and the canvas, and never leaves 127.0.0.1', async ({ page }) => {
    const requests = recordRequests(page);
    const errors = recordErrors(page);
    await page.goto('/');

    const status = page.getByTestId('executor-status');
    // A first visit restores the snapshot shipped with the studio (Monaco's chunk waits the ~second that takes,
    // as on a warm start; the UI does not); the plain load's status while Python boots is in
    // studio-cold-start.e2e.ts, the UI before Python in studio-ui-first.e2e.ts.
    await expect(status).toHaveAttribute('data-status', 'ready', { timeout: READY_TIMEOUT });
    await expect(status).toHaveText(/^Python ready \(start from the shipped snapshot \d+\.\d s\)$/);
    // COOP/COEP are served, so the SharedArrayBuffer interrupt for runaway Python is available.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect(page.getByText(/Python 3\.\d+\.\d+ · Pyodide 314\.0\.7/)).toBeVisible();

    const code = page.locator('.monaco-editor .view-lines');
    await expect(code).toContainText('from workers import WorkflowEntrypoint');
    await expect(code).toContainText('async def run(self, event, step):');
    const keyword = code.locator('span span', { hasText: /^class$/ }).first();
    await expect(keyword).toHaveCSS('color', 'rgb(0, 0, 255)'); // Python highlighting, light theme

    await expect(page.locator('.react-flow')).toBeVisible();
    await expect(page.locator('.react-flow__renderer')).toBeVisible();
    await expect(page.getByText('No instances yet — run the workflow')).toBeVisible();
    await expect(page.getByText('Select an instance')).toBeVisible();

    mkdirSync('e2e-artifacts', { recursive: true });
    await page.screenshot({ path: 'e2e-artifacts/studio.png' });
    if (process.env.UPDATE_SCREENSHOT) await page.screenshot({ path: 'docs/screenshot.png' });

    // The theme follows the OS, live: Monaco and the panes switch together.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('.monaco-editor')).toHaveClass(/vs-dark/);
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(30, 30, 30)');
    await page.screenshot({ path: 'e2e-artifacts/studio-dark.png' });

    const all = [...requests];
    // The wasm and the snapshot are fetched by the executor worker: seeing them proves worker traffic is listed.
    expect(all.some((u) => /\/pyodide\/[^/]+\/pyodide\.asm\.wasm$/.test(u))).toBe(true);
    expect(all.some((u) => /\/pyodide\/[^/]+\/snapshots\/[^/]+\.bin\.gz$/.test(u))).toBe(true);
    const offOrigin = all.filter(
      (u) => !u.startsWith('http://127.0.0.1:') && !u.startsWith('data:') && !u.startsWith('blob:'),
    );
    expect(offOrigin).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('shows a boot error with its message when the Python runtime cannot load', async ({ page }) => {
    await page.context().route('**/pyodide/*/pyodide.asm.wasm', (route) => route.abort('failed'));
    await page.goto('/');
    const status = page.getByTestId('executor-status');
    await expect(status).toHaveAttribute('data-status', 'failed', { timeout: READY_TIMEOUT });
    await expect(status).toContainText('Python failed to start —');
    await expect(status).toContainText('Failed to fetch (loading the Python runtime from http://127.0.0.1:');
    mkdirSync('e2e-artifacts', { recursive: true });
    await page.screenshot({ path: 'e2e-artifacts/boot-error.png' });
  });

  test('says the interface failed to load, with the failed file, instead of counting "Python starting…" on', async ({
    page,
  }) => {
    // A page opened before the site was rebuilt asks for a UI chunk that no longer exists.
    await page.route(/\/assets\/ui-[\w-]+\.js$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto('/');
    const failed = page.getByTestId('ui-load-failed');
    await expect(failed).toContainText(
      "The studio's interface failed to load: Failed to fetch dynamically imported module: http://127.0.0.1:",
      { timeout: READY_TIMEOUT },
    );
    await expect(failed).toContainText(
      'Reload the page; if the site was just rebuilt, the reload fetches the new files.',
    );
    await expect(page.getByText(/Python starting…/)).toHaveCount(0);
  });
});
