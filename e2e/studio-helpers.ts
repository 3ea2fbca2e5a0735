/**
 * Helpers for the studio UI e2e tests: open the app as a new user (fresh browser context, so IndexedDB is
 * empty), watch every request (nothing may leave 127.0.0.1), and save screenshots as artifacts to look at.
 */
import { mkdirSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';

export const READY_TIMEOUT = 90_000;
export const ARTIFACTS = 'e2e-artifacts';

/** Every URL the page, its workers and the context request, from the first navigation on. */
export function recordRequests(page: Page): Set<string> {
  const urls = new Set<string>();
  page.context().on('request', (r) => urls.add(r.url()));
  page.on('request', (r) => urls.add(r.url()));
  page.on('worker', (w) => urls.add(w.url()));
  return urls;
}

/** Requests that left 127.0.0.1 (data: and blob: URLs are local). */
export const offOrigin = (urls: Set<string>) =>
  [...urls].filter((u) => !u.startsWith('http://127.0.0.1:') && !u.startsWith('data:') && !u.startsWith('blob:'));

/** Uncaught page errors and console errors, for the test to assert empty. */
export function recordErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/**
 * Opens the studio and waits until the editor shows the open file and Python is ready. The UI renders while
 * Python boots (its actions disabled until then), so the editor comes first; tests that only edit can stop
 * there (`studio-cold-start.e2e.ts` does, with Python held back).
 */
export async function openStudio(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('WorkflowEntrypoint', {
    timeout: READY_TIMEOUT,
  });
  await expect(page.getByTestId('executor-status')).toHaveAttribute('data-status', 'ready', { timeout: READY_TIMEOUT });
}

/** Saves a screenshot under e2e-artifacts/ (the test run's pictures, looked at by a person). */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
}

/** A node of the graph by step name. */
export const node = (page: Page, name: string) => page.locator(`[data-testid="plan-node"][data-node-name="${name}"]`);

/** Opens a sample from the gallery by its title. */
export async function openSample(page: Page, title: string): Promise<void> {
  await page.getByTestId('open-samples').click();
  await page.getByRole('button', { name: `Open sample: ${title}` }).click();
  await expect(page.getByTestId('samples-dialog')).toHaveCount(0);
}

/** Runs the open file through the Run dialog with its prefilled params. */
export async function runFromDialog(page: Page): Promise<void> {
  await page.getByTestId('action-run').click();
  const dialog = page.getByTestId('run-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dialog).toHaveCount(0, { timeout: 30_000 });
}

/** The centre of `word` on the first editor line containing `lineText` (Monaco merges tokens into spans). */
export async function wordCenter(page: Page, lineText: string, word: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(
    ([lineText, word]) => {
      const nbsp = /\u00a0/g;
      for (const line of document.querySelectorAll('.monaco-editor .view-line')) {
        if (!(line.textContent ?? '').replace(nbsp, ' ').includes(lineText)) continue;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = (n.textContent ?? '').replace(nbsp, ' ').indexOf(word);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(n, at);
          range.setEnd(n, at + word.length);
          const r = range.getBoundingClientRect();
          return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
        }
      }
      return null;
    },
    [lineText, word] as const,
  );
  if (!point) throw new Error(`"${word}" not found on an editor line containing "${lineText}"`);
  return point;
}

/**
 * Hovers `word` on the first editor line containing `lineText` until Monaco's hover shows `text`. A mouse that
 * came to rest before Monaco listened (the editor still starting) gets no hover, as in a browser, so the mouse
 * leaves and comes back, as a person would, until the hover appears.
 */
export async function expectHover(page: Page, lineText: string, word: string, text: string): Promise<void> {
  await expect(async () => {
    await page.mouse.move(1, 1);
    const { x, y } = await wordCenter(page, lineText, word);
    await page.mouse.move(x, y);
    await expect(page.locator('.monaco-hover-content').filter({ hasText: text })).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 15_000 });
}

/**
 * Replaces the open file's text in Monaco by pasting it (typed text would be auto-indented), and waits until the
 * editor shows `shown`.
 */
export async function replaceEditorText(page: Page, text: string, shown: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+A');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText(shown);
}

/** Replaces the text of the Monaco editor inside `scope` (a dialog's JSON editor) by pasting `text`. */
export async function replaceEditorTextIn(scope: Locator, text: string, shown: string | RegExp): Promise<void> {
  const lines = scope.locator('.monaco-editor .view-lines');
  await lines.click();
  await scope.page().keyboard.press('Control+A');
  await scope.page().evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await expect(lines).toContainText(shown);
}

/** A route that holds matching requests until `release()` is called. */
export async function hold(page: Page, url: RegExp): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  // Context-wide, so the executor worker's fetches are caught too.
  await page.context().route(url, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}
