/**
 * A first visit restores the Python snapshot shipped with the studio (made at build time, served from our own
 * origin under /pyodide/<version>/snapshots/) instead of loading Python plainly; when that file is broken, Python still
 * starts plainly and the status bar says why. Nothing leaves 127.0.0.1 either way.
 */
import { expect, type Page, test } from '@playwright/test';
import { readInstance, succeededPrints } from './executor-helpers';
import {
  offOrigin,
  openSample,
  openStudio,
  READY_TIMEOUT,
  recordErrors,
  recordRequests,
  runFromDialog,
} from './studio-helpers';

const SHIPPED = /\/pyodide\/[^/]+\/snapshots\/pyodide-[\d.]+-sdk-[0-9a-f]{8}\.bin\.gz$/;

/** Runs the Hello world sample and checks its step ran. */
async function runHelloWorld(page: Page): Promise<void> {
  await openSample(page, 'Hello world');
  await runFromDialog(page);
  const row = page.getByTestId('instance-row').first();
  await expect(row).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  const { journal } = await readInstance(page, (await row.getAttribute('data-instance-id')) as string);
  expect(succeededPrints(journal)).toEqual(['greeting Ada']);
}

test.describe('studio: the shipped Python snapshot', () => {
  test('a first visit restores the shipped snapshot, runs a sample and keeps the snapshot for the next visit', async ({
    page,
  }) => {
    const requests = recordRequests(page);
    const errors = recordErrors(page);
    await openStudio(page);
    const status = page.getByTestId('executor-status');
    await expect(status).toHaveText(/^Python ready \(start from the shipped snapshot \d+\.\d s\)$/);
    const state = await page.evaluate(() => window.__studio?.getState());
    expect(state).toMatchObject({ warm: true, python: { snapshot: 'shipped' } });
    const bytes = state?.status === 'ready' ? (state.python.snapshotBytes ?? 0) : 0;
    expect(bytes).toBeGreaterThan(10_000_000);
    expect([...requests].filter((u) => SHIPPED.test(u))).toHaveLength(1);

    await runHelloWorld(page);

    // The next visit finds it in this browser's storage and does not download it again.
    await page.reload();
    await expect(status).toHaveText(/^Python ready \(warm start \d+\.\d s\)$/, { timeout: READY_TIMEOUT });
    expect(await page.evaluate(() => window.__studio?.getState())).toMatchObject({ python: { snapshot: 'used' } });
    expect(offOrigin(requests)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('a broken shipped snapshot falls back to a plain load, and the status bar says so', async ({ page }) => {
    const requests = recordRequests(page);
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    // Context-wide, so the executor worker's fetch is caught too: 200 with garbage, not a clean 404.
    await page
      .context()
      .route(SHIPPED, (route) =>
        route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.alloc(300_000, 7) }),
      );
    await page.goto('/');
    const status = page.getByTestId('executor-status');
    await expect(status).toHaveAttribute('data-status', 'ready', { timeout: READY_TIMEOUT });
    await expect(status).toHaveText(
      /^Python ready \(cold start \d+\.\d s; the snapshot shipped with the studio could not be used\)$/,
    );
    expect(await page.evaluate(() => window.__studio?.getState())).toMatchObject({
      warm: false,
      python: { snapshot: 'shipped-failed' },
    });
    expect(warnings.join('\n')).toContain('The Python start-up snapshot shipped with the studio could not be used');
    await runHelloWorld(page);
    expect(offOrigin(requests)).toEqual([]);
  });
});
