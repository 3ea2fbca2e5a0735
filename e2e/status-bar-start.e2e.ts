/**
 * The status bar tells the wait the user had: "Python ready (… N s)" counts from navigation, and the boot phase
 * it names only moves forward, from the plain line the page shows before its UI renders to the status bar.
 */
import { expect, type Page, test } from '@playwright/test';
import { READY_TIMEOUT, recordErrors } from './studio-helpers';

/** The boot phases in the words the status shows, in the order a boot goes through them (alternatives share a rank). */
const RANK: Record<string, number> = {
  'starting the executor worker': 0,
  'opening IndexedDB': 1,
  'looking for a saved Python snapshot': 2,
  'restoring Python from its snapshot': 3,
  'restoring Python from the snapshot shipped with the studio': 3,
  'loading Pyodide': 4,
  'installing the workflows SDK': 5,
};

declare global {
  interface Window {
    __statusSeen?: { text: string; at: number }[];
  }
}

/** Records every text the executor status shows, from the first paint on (page clock, ms since navigation). */
async function recordStatus(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: { text: string; at: number }[] = [];
    window.__statusSeen = seen;
    const look = () => {
      const text = document.querySelector('[data-testid="executor-status"]')?.textContent ?? '';
      if (text && seen.at(-1)?.text !== text) seen.push({ text, at: performance.now() });
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

/** Opens the studio and returns what its status showed until Python was ready, and the ready state. */
async function openAndWatch(page: Page) {
  await page.goto('/');
  const status = page.getByTestId('executor-status');
  await expect(status).toHaveAttribute('data-status', 'ready', { timeout: READY_TIMEOUT });
  return page.evaluate(() => {
    const s = window.__studio?.getState();
    if (s?.status !== 'ready') throw new Error('not ready');
    return {
      seen: window.__statusSeen ?? [],
      since: s.since,
      coldStartMs: s.coldStartMs,
      supervisorAt: performance.getEntriesByName('studio:executor-supervisor').at(-1)?.startTime ?? Number.NaN,
    };
  });
}

function expectHonest(watched: Awaited<ReturnType<typeof openAndWatch>>): void {
  const { seen, since, coldStartMs, supervisorAt } = watched;
  // Counted from navigation, so longer than the supervisor's own age, and shown no earlier than it says.
  expect(since).toBe(0);
  expect(coldStartMs).toBeGreaterThan(supervisorAt);
  const readyShown = seen.find((s) => s.text.startsWith('Python ready'));
  expect(readyShown?.at).toBeGreaterThanOrEqual(coldStartMs);
  const shownSeconds = Number(/ (\d+\.\d) s/.exec(readyShown?.text ?? '')?.[1]);
  expect(Math.abs(shownSeconds - coldStartMs / 1000)).toBeLessThanOrEqual(0.051);
  // Phases only move forward.
  const ranks = seen
    .map((s) => / · (.+)$/.exec(s.text)?.[1])
    .filter((phase): phase is string => phase !== undefined && phase in RANK)
    .map((phase) => RANK[phase] as number);
  expect(ranks.length).toBeGreaterThan(0);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
}

test.describe('status bar: the start as the user waited it', () => {
  test('a first visit reports navigation → ready, with phases that only move forward while the UI loads', async ({
    page,
  }) => {
    const errors = recordErrors(page);
    await recordStatus(page);
    const first = await openAndWatch(page);
    expectHonest(first);
    // The UI waits for the shipped snapshot's restore, then loads: the line says Python is ready meanwhile.
    expect(first.seen.map((s) => s.text)).toContainEqual(
      expect.stringMatching(
        /^Python is starting… \d+\.\d s · restoring Python from the snapshot shipped with the studio$/,
      ),
    );
    expect(errors).toEqual([]);
  });

  test('the executor’s code failing to load (the site rebuilt under an open page) ends the start with the reason', async ({
    page,
  }) => {
    // The worker's small entry loads; the rest of its script (executor-worker.ts, imported by it) is gone.
    await page
      .context()
      .route(/\/assets\/executor-worker-[\w-]+\.js$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto('/');
    const status = page.getByTestId('executor-status');
    await expect(status).toHaveAttribute('data-status', 'failed', { timeout: READY_TIMEOUT });
    await expect(status).toContainText(
      /^Python failed to start — WorkerCrashedError: The Python executor kept stopping \(the worker crashed: .*executor-worker-[\w-]+\.js/,
    );
  });
});
