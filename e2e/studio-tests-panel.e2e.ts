/**
 * The Tests panel: the project's test_*.py files run in the executor; each test shows its outcome and duration,
 * a failure its assertion values and captured prints, and each instance a test created opens like any other.
 */
import { expect, test } from '@playwright/test';
import { openSample, openStudio, recordErrors, replaceEditorTextIn, snap } from './studio-helpers';

const FAILING = `import pytest
from order_workflow import OrderWorkflow
from workers.testing import create


async def test_receipt_number():
    print("checking the receipt")
    instance = await create(OrderWorkflow, params={"order_id": "B-7"}, id="order-b7")
    assert await instance.wait_for_step_result("send_receipt") == {"receipt": "R-B-8", "attempt": 1}


@pytest.mark.skip(reason="needs a real card")
def test_real_card():
    pass
`;

test('runs the sample tests and a failing file, shows values and prints, and opens a test instance', async ({
  page,
}) => {
  const errors = recordErrors(page);
  await openStudio(page);
  await page.getByTestId('tab-tests').click();
  const pane = page.getByTestId('tests-pane');
  await expect(pane).toContainText("Run the project's tests");

  // No test file yet: an honest empty state.
  await page.getByTestId('run-tests').click();
  await expect(pane).toContainText('No test files in this project');

  // A sample with tests brings its test file; the workflow stays the open file.
  await openSample(page, 'Retries with backoff');
  await expect(page.getByTestId('file-select').locator('option:checked')).toHaveText('retries_backoff.py');
  await page.getByTestId('open-py-file').setInputFiles({
    name: 'test_order.py',
    mimeType: 'text/x-python',
    buffer: Buffer.from(FAILING),
  });
  await page.getByTestId('run-tests').click();
  const rows = pane.getByTestId('test-row');
  await expect(rows).toHaveCount(7, { timeout: 60_000 });
  await expect(page.getByRole('heading', { name: 'test_retries_backoff.py' })).toBeVisible();
  await expect(pane.locator('[data-outcome="passed"]')).toHaveCount(5);
  await expect(page.getByRole('tab', { name: 'Tests (1 failed)' })).toBeVisible();
  await expect(
    page.locator('.pane__name', { hasText: /^Tests · 1 failed · 5 passed · 1 skipped in \d+\.\d\d s$/ }),
  ).toBeVisible();
  await expect(rows.filter({ hasText: 'test_succeeds_after_failures[2-3]' })).toContainText(/PASS.*\d+ ms/);
  await expect(rows.filter({ hasText: 'test_real_card' })).toContainText(/SKIP\s*test_real_card\s*needs a real card/);

  const failed = rows.filter({ hasText: 'test_receipt_number' });
  await expect(failed.getByTestId('test-failure')).toContainText(
    "assert {'receipt': 'R-B-7', 'attempt': 1} == {'receipt': 'R-B-8', 'attempt': 1}",
  );
  await expect(failed.getByTestId('test-failure')).toContainText('at test_order.py:9');
  await expect(failed.getByTestId('test-output')).toHaveText('checking the receipt\n');
  await snap(page, 'tests-panel');

  // Keyboard: the instance link is reachable and opens the instance's history.
  const link = failed.getByRole('button', { name: 'Open instance order-b7' });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'History' })).toBeVisible();
  await expect(page.locator('.pane__name', { hasText: 'History · order-b7' })).toBeVisible();
  await page.getByTestId('tab-tests').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('tab-instances')).toBeFocused();
  await expect(page.getByTestId('instance-row').filter({ hasText: 'order-b7' })).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('a test gets the bindings of the workflow file it imports, and fails without them', async ({ page }) => {
  const errors = recordErrors(page);
  await openStudio(page);
  await openSample(page, 'Idempotency key in KV');
  await expect(page.getByTestId('file-select').locator('option:checked')).toHaveText('idempotent_charge.py');
  await page.getByTestId('tab-tests').click();
  const pane = page.getByTestId('tests-pane');
  await page.getByTestId('run-tests').click();
  const rows = pane.getByTestId('test-row');
  await expect(rows).toHaveCount(2, { timeout: 60_000 });
  await expect(pane.locator('[data-outcome="passed"]')).toHaveCount(2);

  // The same tests without the file's KV declaration: self.env.KV is not there.
  await page.getByTestId('open-env').click();
  const dialog = page.getByTestId('env-dialog');
  await replaceEditorTextIn(dialog.getByTestId('env-text'), '{}', '{}');
  await dialog.getByTestId('env-save').click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('run-tests').click();
  await expect(pane.locator('[data-outcome="failed"]')).toHaveCount(2, { timeout: 60_000 });
  await expect(
    rows.filter({ hasText: 'test_a_crash_after_charging_does_not_charge_twice' }).getByTestId('test-failure'),
  ).toContainText('KV');
  expect(errors).toEqual([]);
});
