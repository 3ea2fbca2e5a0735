/**
 * Mocks in the production test build: a step calling fetch on a JSON API fails at once without a mock, naming
 * the URL; one click on "Mock this request" adds the rule and opens the Mocks panel; with the mock the step
 * completes and its attempt's request list names the mock. The panel lists a bad rule's message (and Monaco
 * squiggles it from the JSON Schema); a share link carries a file's mocks.
 */
import { expect, type Page, test } from '@playwright/test';
import { encodeShareLink } from '../src/export';
import { callRow } from './history-helpers';
import { openStudio, recordErrors, replaceEditorText, runFromDialog, snap } from './studio-helpers';

const RATES = `from workers import WorkflowEntrypoint, fetch


class RatesWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("fetch rates")
        async def fetch_rates():
            response = await fetch("https://api.example.com/v1/rates?base=EUR")
            return (await response.json())["usd"]

        return {"usd": await fetch_rates()}
`;
const URL = 'https://api.example.com/v1/rates?base=EUR';
const MOCKED = `{
  "http": [
    { "label": "rates API", "method": "GET", "url": "https://api.example.com/v1/rates*", "json": { "usd": 1.08 } }
  ]
}`;

/** Opens the step's inspector from its row in the history (run `run`). */
async function inspectStep(page: Page, name: string, run = 1): Promise<void> {
  await callRow(page, name, run).getByRole('button').first().click();
  await expect(page.getByTestId('inspector-details')).toBeVisible();
}

/** The text in the Mocks panel's Monaco, with Monaco's non-breaking spaces as spaces. */
const panelText = (page: Page) =>
  page
    .getByTestId('mocks-panel')
    .locator('.view-lines')
    .evaluate((e) => (e.textContent ?? '').replace(/\u00a0/g, ' '));

test.describe('mocks', () => {
  test('without a mock a fetch fails at once naming the URL; "Mock this request" adds one; with it the step completes', async ({
    page,
  }) => {
    const errors = recordErrors(page);
    await openStudio(page);
    await replaceEditorText(page, RATES, 'class RatesWorkflow');
    await runFromDialog(page);
    await expect(page.getByTestId('toolbar-instance')).toContainText('errored', { timeout: 30_000 });
    await inspectStep(page, 'fetch rates');
    const details = page.getByTestId('inspector-details');
    await expect(details).toContainText(`fetch GET ${URL} was blocked`);
    await expect(page.getByTestId('attempt')).toHaveCount(1);
    const blocked = page.getByTestId('request-row');
    await expect(blocked).toHaveCount(1);
    await expect(blocked).toContainText(`GET${URL}blocked`);
    await snap(page, 'mocks-request-blocked');

    await blocked.getByTestId('mock-this-request').click();
    await expect(page.getByTestId('mocks-panel')).toBeVisible();
    await expect.poll(() => panelText(page)).toContain(`"url": "${URL}"`);
    await expect(page.getByTestId('mocks-problems')).toContainText('Mocks are valid');

    await replaceEditorText(page, MOCKED, '"rates API"');
    await expect(page.getByTestId('mocks-save')).toHaveText('Saved with the file');
    await snap(page, 'mocks-panel');
    await runFromDialog(page);
    await expect(page.getByTestId('toolbar-instance')).toContainText('complete', { timeout: 30_000 });
    await inspectStep(page, 'fetch rates');
    const answered = page.getByTestId('request-row');
    await expect(answered).toHaveCount(1);
    await expect(answered).toContainText(`GET${URL}200`);
    await expect(answered).toContainText('mock rates API');
    await snap(page, 'mocks-request-answered');
    expect(errors).toEqual([]);
  });

  test('the Mocks panel lists a bad rule’s message and squiggles it; a run with it stops with the message', async ({
    page,
  }) => {
    await openStudio(page);
    await page.getByTestId('action-mocks').click();
    await expect(page.getByTestId('mocks-panel')).toBeVisible();
    await replaceEditorText(page, '{"http": [{"url": "https://a.example/", "status": "ok"}]}', '"ok"');
    await expect(page.getByTestId('mocks-problem')).toHaveText(['http[0].status: expected a number, got "ok"']);
    await expect(
      page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first(),
    ).toBeVisible();
    await expect(page.getByTestId('mocks-save')).toHaveText('Saved with the file');
    await snap(page, 'mocks-panel-bad-rule');
    await page.getByTestId('action-run').click();
    await page.getByTestId('run-dialog').getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('failure')).toContainText('The mocks of');
    await expect(page.getByTestId('failure')).toContainText('http[0].status: expected a number, got "ok"');
  });

  test('a share link carries the file’s mocks: the opened file runs with them', async ({ page }) => {
    const link = encodeShareLink({ name: 'rates.py', source: RATES, mocks: MOCKED });
    if (!link.ok) throw new Error(link.message);
    await page.goto(`/#${link.fragment}`);
    await expect(page.locator('.monaco-editor .view-lines')).toContainText('class RatesWorkflow', { timeout: 60_000 });
    await expect(page.getByTestId('executor-status')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
    await page.getByTestId('action-mocks').click();
    await expect.poll(() => panelText(page)).toContain('"rates API"');
    await runFromDialog(page);
    await expect(page.getByTestId('toolbar-instance')).toContainText('complete', { timeout: 30_000 });
  });
});
