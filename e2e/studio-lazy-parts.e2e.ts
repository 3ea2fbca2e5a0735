/**
 * Parts of the studio kept out of the first render (src/ui/layout/LazyPart.tsx): a lazy dialog or panel says
 * what loads while its code is fetched, and says what failed in its place when the code cannot load, instead of
 * the studio going blank; an action whose code is loaded on use says so in a notice. The chunks are held back or
 * refused by routes.
 */
import { expect, test } from '@playwright/test';
import { hold, READY_TIMEOUT } from './studio-helpers';

test('a lazy dialog and panel say what loads, and a part whose code cannot load says so in its place', async ({
  page,
}) => {
  const uncaught: string[] = [];
  page.on('pageerror', (e) => uncaught.push(e.message));
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const releaseEnv = await hold(page, /\/assets\/EnvDialog-[\w-]+\.js$/);
  const releaseLearn = await hold(page, /\/assets\/LearnPane-[\w-]+\.js$/);
  await page.context().route(/\/assets\/(MocksPanel|project-share)-[\w-]+\.js$/, (route) => route.abort());
  await page.goto('/');
  await expect(page.getByRole('textbox', { name: /^Editor \(light view/ })).toHaveValue(/WorkflowEntrypoint/);

  // A lazy dialog: its own dialog says what loads, then the dialog itself takes its place.
  await page.getByTestId('open-env').click();
  const loading = page.getByTestId('dialog-loading');
  await expect(loading.getByRole('status')).toHaveText(/^Loading the Env & bindings dialog… \d+\.\d s$/);
  releaseEnv();
  await expect(page.getByTestId('env-dialog')).toBeVisible();
  await expect(loading).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('env-dialog')).toHaveCount(0);

  // A lazy panel: the Learn panel's place says what loads until its code is there.
  await page.getByTestId('open-learn').click();
  await expect(page.getByRole('status').filter({ hasText: 'Loading the Learn panel…' })).toBeVisible();
  releaseLearn();
  await expect(page.getByTestId('learn-pane')).toBeVisible();
  await page.getByTestId('open-learn').click();
  await expect(page.getByTestId('learn-pane')).toHaveCount(0);

  // The Mocks panel's code is refused: its place says what failed and what to do; the rest of the studio stays.
  await page.getByTestId('action-mocks').click();
  await expect(page.getByTestId('part-failed')).toHaveText(
    /^The Mocks panel could not be shown: .+\. Reload the page \(a reload fetches the studio's code again\); your files and instances are kept in this browser\.$/,
  );
  await page.getByTestId('action-mocks').click();
  await expect(page.getByTestId('part-failed')).toHaveCount(0);
  await expect(page.locator('.monaco-editor, [data-testid="light-editor"]').first()).toBeVisible();

  // The share code is refused too: Share says so in a notice instead of doing nothing.
  await page.getByTestId('share-link').click();
  const notice = page.getByTestId('notice').filter({ hasText: 'Could not make a share link' });
  await expect(notice).toHaveAttribute('data-tone', 'error');
  await expect(notice).toContainText(/Its code did not load \(.+\)\. Reload the page; your files are kept\./);

  // Parts never opened are fetched ahead of use once Monaco has loaded (usePrefetchLazyParts).
  await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: READY_TIMEOUT });
  await expect
    .poll(() => requested.some((p) => /\/assets\/CloudflarePanel-[\w-]+\.js$/.test(p)), { timeout: 15_000 })
    .toBe(true);
  expect(uncaught).toEqual([]);
});

test('when Monaco cannot load, the light view keeps the code and takes typing, and a line says why; no page error', async ({
  page,
}) => {
  const uncaught: string[] = [];
  page.on('pageerror', (e) => uncaught.push(e.message));
  await page.context().route(/\/assets\/MonacoEditor-[\w-]+\.js$/, (route) => route.abort());
  await page.goto('/');
  const light = page.getByTestId('light-editor').getByRole('textbox');
  await expect(light).toHaveValue(/WorkflowEntrypoint/);
  await expect(page.getByTestId('executor-status')).toHaveAttribute('data-status', 'ready', { timeout: READY_TIMEOUT });
  await expect(page.getByTestId('part-failed')).toHaveText(
    /^The full editor \(Monaco\) could not be shown: .+\. Reload the page \(a reload fetches the studio's code again\); your files and instances are kept in this browser\.$/,
  );
  // The light view no longer says it stands in while the full editor loads: it is the editor now.
  await expect(light).toHaveAccessibleName('Editor (plain editor: the full editor could not load)');
  // The rest of the studio is there, and the light view still edits and saves the file.
  await expect(page.getByTestId('plan-node').first()).toBeVisible();
  await light.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n# typed without Monaco');
  await expect(page.getByTestId('save-status')).toHaveText('saved · v2');
  await expect(light).toHaveValue(/# typed without Monaco$/);
  expect(uncaught).toEqual([]);
});
