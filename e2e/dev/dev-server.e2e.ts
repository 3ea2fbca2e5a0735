/**
 * Smoke test of the dev server (`npm run dev`, the README's path), where React's StrictMode runs every effect
 * twice: a first visit seeds exactly one starter file, and a share link opens exactly once, without page errors.
 */
import { expect, type Page, test } from '@playwright/test';
import { encodeShareLink } from '../../src/export/share-link';
import { READY_TIMEOUT, recordErrors } from '../studio-helpers';

const files = (page: Page) => page.getByTestId('file-select').locator('option');

/** Every workflow file's name in IndexedDB, read by the page itself (not through the UI). */
const storedNames = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('workflow-studio');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('files').objectStore('files').getAll();
          request.onsuccess = () => {
            resolve((request.result as { name: string }[]).map((f) => f.name).sort());
            open.result.close();
          };
        };
      }),
  );

async function waitForEditor(page: Page): Promise<void> {
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('WorkflowEntrypoint', {
    timeout: READY_TIMEOUT,
  });
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
}

test.describe('dev server smoke', () => {
  test('a first visit shows exactly one starter file, also after a reload', async ({ page }) => {
    const errors = recordErrors(page);
    await page.goto('/');
    await waitForEditor(page);
    await expect(files(page)).toHaveText(['order_workflow.py']);
    expect(await storedNames(page)).toEqual(['order_workflow.py']);
    await page.reload();
    await waitForEditor(page);
    await expect(files(page)).toHaveText(['order_workflow.py']);
    expect(await storedNames(page)).toEqual(['order_workflow.py']);
    expect(errors).toEqual([]);
  });

  test('a share link opens once, as one new file, without page errors', async ({ page }) => {
    const link = encodeShareLink({
      name: 'shared_flow.py',
      source:
        'from workers import WorkflowEntrypoint\n\n\nclass Shared(WorkflowEntrypoint):\n    async def run(self, event, step):\n        return "shared"\n',
    });
    if (!link.ok) throw new Error(link.message);
    const errors = recordErrors(page);
    await page.goto(`/#${link.fragment}`);
    await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('class Shared(WorkflowEntrypoint)', {
      timeout: READY_TIMEOUT,
    });
    await expect(page.getByText('Opened a shared workflow as shared_flow.py')).toHaveCount(1);
    await expect(files(page)).toHaveText(['order_workflow.py', 'shared_flow.py']);
    expect(await storedNames(page)).toEqual(['order_workflow.py', 'shared_flow.py']);
    expect(page.url()).not.toContain('#');
    expect(errors).toEqual([]);
  });
});
