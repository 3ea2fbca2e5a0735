import { expect, type Page, test } from '@playwright/test';
import {
  expectHover,
  node,
  offOrigin,
  openSample,
  openStudio,
  recordErrors,
  recordRequests,
  snap,
  wordCenter,
} from './studio-helpers';

/** Double-clicks a word in the editor (selecting it) on the first line that contains `lineText`. */
async function selectWord(page: Page, lineText: string, word: string): Promise<void> {
  const { x, y } = await wordCenter(page, lineText, word);
  await page.mouse.dblclick(x, y);
}

test.describe('studio: editor', () => {
  test('a bad dependency name gets a red squiggle with the SDK’s words, fixed as you type', async ({ page }) => {
    const requests = recordRequests(page);
    const errors = recordErrors(page);
    await openStudio(page);
    await openSample(page, 'DAG with dependency injection');
    await expect(node(page, 'fetch_prefs')).toBeVisible();
    await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(0);

    await selectWord(page, 'async def fetch_prefs(fetch_user):', 'fetch_user');
    await page.keyboard.type('fetch_usr');
    const squiggle = page.locator('.monaco-editor .squiggly-error');
    await expect(squiggle).toHaveCount(1);
    await expectHover(
      page,
      'async def fetch_prefs(fetch_usr):',
      'fetch_usr',
      'Received unexpected parameter fetch_usr: a parameter of step "fetch_prefs" must be ctx or the name of a step declared before it runs.',
    );
    await snap(page, 'studio-squiggle');

    // Undo: the squiggle goes away and the file is saved again.
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+Z');
    await expect(squiggle).toHaveCount(0);
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
    expect(offOrigin(requests)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('offers SDK completions after step. and documents them on hover', async ({ page }) => {
    await openStudio(page);
    await expectHover(page, 'await step.sleep("cool-off"', 'sleep', 'step.sleep(name, duration)');

    await page.locator('.monaco-editor .view-line', { hasText: 'await step.sleep("cool-off"' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('await step.');
    const suggest = page.locator('.monaco-editor .suggest-widget');
    await expect(suggest).toBeVisible();
    for (const method of ['do', 'sleep', 'sleep_until', 'wait_for_event']) {
      await expect(suggest.getByRole('option', { name: new RegExp(`^${method}\\b`) })).toBeVisible();
    }
    // The list is wider than the editor's pane and reaches over the graph's: it is drawn above that pane, not
    // under it (every pane is a stacking context of its own, theme.css).
    const editorRight = await page
      .getByRole('region', { name: 'Editor' })
      .evaluate((pane) => pane.getBoundingClientRect().right);
    const over = await suggest.evaluate((widget, right) => {
      const box = widget.getBoundingClientRect();
      const at = document.elementFromPoint(right + 10, box.top + 10);
      return { reaches: box.right > right + 10, onTop: widget.contains(at) };
    }, editorRight);
    expect(over).toEqual({ reaches: true, onTop: true });
    await snap(page, 'studio-completions');
    await page.keyboard.press('Escape');
  });

  test('flags a numeric duration (milliseconds on Cloudflare) and fixes it to the string that means the same', async ({
    page,
  }) => {
    const errors = recordErrors(page);
    await openStudio(page);
    await expect(page.getByTestId('step-form')).toHaveText(
      'step.do form: implicit (parameters name the steps they need)',
    );
    const warnings = page.locator('.monaco-editor .squiggly-warning');
    const before = await warnings.count();
    await page.locator('.monaco-editor .view-line', { hasText: 'await step.sleep("cool-off"' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    // insertText, not type: whether Monaco auto-closes "(" depends on when Python's language configuration has
    // loaded (a clean CI run typed before it had, and the line stayed unclosed, a syntax error without the warning).
    await page.keyboard.insertText('await step.sleep("nap", 5000)');
    await page.keyboard.press('Escape');
    await expect(warnings).toHaveCount(before + 1);
    await expectHover(
      page,
      'await step.sleep("nap", 5000',
      '5000',
      'Numeric duration 5000 is read as 5000 milliseconds, as Cloudflare\'s runtime does (the Python docs say seconds). Write "5 seconds" to say so, or a string in the unit you meant.',
    );
    await selectWord(page, 'await step.sleep("nap", 5000', '5000');
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget').getByText('Write "5 seconds"');
    await expect(fix).toBeVisible();
    await snap(page, 'studio-quick-fix');
    await fix.click();
    await expect(
      page.locator('.monaco-editor .view-line', { hasText: 'await step.sleep("nap", "5 seconds")' }),
    ).toHaveCount(1);
    await expect(warnings).toHaveCount(before);
    expect(errors).toEqual([]);
  });

  test('files live in IndexedDB: create, rename, switch and delete survive a reload', async ({ page }) => {
    await openStudio(page);
    await page.getByRole('button', { name: 'New file' }).click();
    const nameDialog = page.getByTestId('file-name-dialog');
    await nameDialog.getByRole('textbox').fill('bad name');
    await expect(nameDialog.getByRole('alert')).toHaveText('"bad name" must end in .py.');
    await nameDialog.getByRole('textbox').fill('payments.py');
    await nameDialog.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByTestId('file-select').locator('option:checked')).toHaveText('payments.py');
    await expect(node(page, 'first_step')).toBeVisible();

    // Type a comment; autosave writes it (version 2).
    await page.locator('.monaco-editor .view-line', { hasText: 'return await first_step()' }).click();
    await page.keyboard.press('End');
    await page.keyboard.type('  # kept');
    await expect(page.getByTestId('save-status')).toHaveText('saved · v2');

    await page.getByRole('button', { name: 'Rename file' }).click();
    await nameDialog.getByRole('textbox').fill('billing.py');
    await nameDialog.getByRole('button', { name: 'Rename' }).click();
    await expect(page.getByTestId('file-select').locator('option:checked')).toHaveText('billing.py');

    await page.reload();
    await expect(page.getByTestId('file-select').locator('option:checked')).toHaveText('billing.py');
    await expect(page.locator('.monaco-editor .view-lines')).toContainText('return await first_step()  # kept');
    await expect(page.getByTestId('file-select').locator('option')).toHaveText(['billing.py', 'order_workflow.py']);

    await page.getByTestId('file-select').selectOption({ label: 'order_workflow.py' });
    await expect(node(page, 'fetch_order')).toBeVisible();
    await page.getByTestId('file-select').selectOption({ label: 'billing.py' });
    await page.getByRole('button', { name: 'Delete file' }).click();
    await page.getByTestId('delete-file-dialog').getByRole('button', { name: 'Delete file' }).click();
    await expect(page.getByTestId('file-select').locator('option')).toHaveText(['order_workflow.py']);
    await page.reload();
    await expect(page.getByTestId('file-select').locator('option')).toHaveText(['order_workflow.py']);
  });
});
