/**
 * Opening a .py file from disk follows Python's rules for non-UTF-8 sources (PEP 263): a latin-1 file with a
 * coding line opens with its characters, one without is refused with the line and byte offset.
 */
import { expect, test } from '@playwright/test';
import { READY_TIMEOUT, recordErrors, snap } from './studio-helpers';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

test('a latin-1 .py file opens by its coding line; one without a coding line is refused saying where', async ({
  page,
}) => {
  const errors = recordErrors(page);
  await page.goto('/');
  const code = page.locator('.monaco-editor .view-lines').first();
  await expect(code).toContainText('WorkflowEntrypoint', { timeout: READY_TIMEOUT });

  const picker = page.getByTestId('open-py-file');
  await picker.setInputFiles({ name: 'menu.py', mimeType: 'text/x-python', buffer: latin1('DISH = "caf\xe9"\n') });
  await expect(page.getByText('Could not open menu.py')).toBeVisible();
  await expect(
    page.getByText(
      "SyntaxError: Non-UTF-8 code starting with '\\xe9' in file menu.py on line 1 (byte offset 11), but no encoding declared",
    ),
  ).toBeVisible();
  await expect(page.getByTestId('file-select').locator('option')).toHaveText(['order_workflow.py']);

  await picker.setInputFiles({
    name: 'menu.py',
    mimeType: 'text/x-python',
    buffer: latin1('# -*- coding: latin-1 -*-\nDISH = "caf\xe9"\n'),
  });
  await expect(page.getByText('Opened menu.py', { exact: true })).toBeVisible();
  await expect(code).toContainText('DISH = "café"');
  await expect(code).toContainText('# -*- coding: utf-8 -*-');
  await expect(page.getByTestId('file-select').locator('option:checked')).toHaveText('menu.py');
  await snap(page, 'file-open-latin1');
  expect(errors).toEqual([]);
});
