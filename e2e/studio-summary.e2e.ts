/**
 * The instance summary (inspector → Instance): selecting an instance shows its params, output, error with the
 * full traceback, and how its status changed, with no other click; a traceback frame moves the editor there.
 */
import { expect, type Page, test } from '@playwright/test';
import { readJournal } from './history-helpers';
import {
  node,
  openSample,
  openStudio,
  READY_TIMEOUT,
  recordErrors,
  replaceEditorText,
  runFromDialog,
  snap,
} from './studio-helpers';

const SOURCE = `from workers import WorkflowEntrypoint


class Greeter(WorkflowEntrypoint):
    async def run(self, event, step):
        who = event["payload"]["who"]

        @step.do()
        async def shout():
            return who.upper()

        loud = await shout()
        await step.sleep("pause", "1 second")
        return f"Hello, {who}! ({loud})"


class Broken(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def load():
            return {"total": None}

        order = await load()
        return check(order)


def check(order):
    raise ValueError(f"order has no total: {order}")
`;
/** The line of \`raise ValueError\` in SOURCE (1-based), and of \`return check(order)\`. */
const RAISE_LINE = SOURCE.split('\n').findIndex((l) => l.includes('raise ValueError')) + 1;
const CALL_LINE = SOURCE.split('\n').findIndex((l) => l.includes('return check(order)')) + 1;

/** Runs workflow `workflowName` of the open file with `params` as instance `id`, through the Run dialog. */
async function runWith(page: Page, workflowName: string, params: string, id: string): Promise<void> {
  await page.getByTestId('action-run').click();
  const dialog = page.getByTestId('run-dialog');
  await dialog.getByLabel('Workflow').selectOption(workflowName);
  await dialog.getByTestId('run-params').fill(params);
  await dialog.getByTestId('run-id').fill(id);
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dialog).toHaveCount(0, { timeout: 30_000 });
}

const summary = (page: Page) => page.getByTestId('instance-summary');

test.describe('studio: instance summary', () => {
  test('shows params, output, status history, and the traceback whose frames move the editor cursor', async ({
    page,
  }) => {
    const errors = recordErrors(page);
    await openStudio(page);
    await replaceEditorText(page, SOURCE, 'class Broken');
    await runWith(page, 'greeter', '{"who": "Grace"}', 'greet-grace');
    await runWith(page, 'broken', '{"note": null, "retry": false}', 'broken-1');

    // Select the finished greeter from the list: its summary shows at once, no other click.
    await page.locator('[data-testid="instance-row"][data-instance-id="greet-grace"]').click();
    await expect(summary(page)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
    await expect(page.getByTestId('summary-params')).toContainText('"Grace"');
    await expect(page.getByTestId('summary-output')).toContainText('"Hello, Grace! (GRACE)"');
    await expect(page.getByTestId('summary-workflow')).toHaveText('greeter');
    await expect(page.getByTestId('summary-id')).toHaveText('greet-grace');
    await expect(page.getByTestId('summary-file')).toHaveText('order_workflow.py');
    await expect(summary(page)).toContainText('2 runs · 1 step');
    const history = page.getByTestId('status-history').locator('.status-pill');
    await expect(history).toHaveText(['queued', 'running', 'waiting', 'running', 'complete']);
    await snap(page, 'summary-complete');

    // Time travel: at run 1's end the summary is the instance as it was then — waiting, nothing returned yet.
    const journal = await readJournal(page, 'greet-grace');
    const evicted = journal.find((e) => e.type === 'run-evicted');
    if (!evicted) throw new Error('no eviction in the journal');
    await page.getByTestId('time-scrubber').fill(String(evicted.seq));
    await expect(summary(page)).toHaveAttribute('data-status', 'waiting');
    await expect(page.getByTestId('summary-output')).toHaveCount(0);
    await expect(page.getByTestId('summary-no-output')).toHaveText('Not yet: run() has not returned.');
    await expect(history).toHaveText(['queued', 'running', 'waiting']);
    await expect(summary(page)).toContainText('so far');
    await expect(page.getByTestId('summary-travel')).toHaveText(`◀ as of seq ${evicted.seq}/${journal.length}`);
    await page.getByTestId('time-scrubber').fill(String(journal.length));
    await expect(summary(page)).toHaveAttribute('data-status', 'complete');

    // The errored one: error, message, the full traceback; its frames link to the lines they name.
    await page.locator('[data-testid="instance-row"][data-instance-id="broken-1"]').click();
    await expect(summary(page)).toHaveAttribute('data-status', 'errored');
    await expect(summary(page).getByTestId('error-view')).toContainText(
      "ValueError: order has no total: {'total': None}",
    );
    const trace = summary(page).getByTestId('traceback');
    await expect(trace).toContainText('Traceback (most recent call last):');
    await expect(trace).toContainText(`line ${CALL_LINE}, in run`);
    // Python's values as Python writes them.
    await expect(summary(page).getByTestId('summary-params')).toContainText('note: None');
    await expect(summary(page).getByTestId('summary-params')).toContainText('retry: False');
    await expect(summary(page).getByTestId('summary-output')).toHaveCount(0);
    await snap(page, 'summary-errored');

    const raise = trace.locator(`[data-testid="trace-link"][data-line="${RAISE_LINE}"]`);
    await expect(raise).toContainText(`line ${RAISE_LINE}, in check`);
    await raise.click();
    await expect(page.locator('.monaco-editor .line-numbers.active-line-number')).toHaveText(String(RAISE_LINE));
    await trace.locator(`[data-testid="trace-link"][data-line="${CALL_LINE}"]`).click();
    await expect(page.locator('.monaco-editor .line-numbers.active-line-number')).toHaveText(String(CALL_LINE));

    // From another open file, the frame opens the instance's file first, then moves the cursor.
    await page.getByRole('button', { name: 'New file' }).click();
    const nameDialog = page.getByTestId('file-name-dialog');
    await nameDialog.getByRole('textbox').fill('other.py');
    await nameDialog.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByTestId('file-select').locator('option:checked')).toHaveText('other.py');
    await page.locator('[data-testid="instance-row"][data-instance-id="broken-1"]').click();
    await trace.locator(`[data-testid="trace-link"][data-line="${RAISE_LINE}"]`).click();
    await expect(page.getByTestId('file-select').locator('option:checked')).toHaveText('order_workflow.py');
    await expect(page.locator('.monaco-editor .view-lines')).toContainText('class Broken');
    await expect(page.locator('.monaco-editor .line-numbers.active-line-number')).toHaveText(String(RAISE_LINE));
    expect(errors).toEqual([]);
  });
});

test.describe('studio: instances list and Run again', () => {
  test('workflow and file columns, filter by workflow, sort, the selection back after a reload, Run again prefilled', async ({
    page,
  }) => {
    const errors = recordErrors(page);
    await openStudio(page);
    await replaceEditorText(page, SOURCE, 'class Broken');
    await runWith(page, 'greeter', '{"who": "Ada"}', 'greet-ada');
    await runWith(page, 'broken', '{}', 'broken-2');
    const row = (id: string) => page.locator(`[data-testid="instance-row"][data-instance-id="${id}"]`);
    await expect(row('greet-ada')).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
    await expect(row('greet-ada').getByTestId('instance-workflow')).toHaveText('greeter');
    await expect(row('broken-2').getByTestId('instance-workflow')).toHaveText('broken');
    await expect(row('broken-2').getByTestId('instance-file')).toHaveText('order_workflow.py');

    // Filter by workflow, then every workflow again.
    await page.getByTestId('workflow-filter').selectOption('greeter');
    await expect(page.getByTestId('instance-row')).toHaveCount(1);
    await expect(page.getByTestId('instance-row')).toHaveAttribute('data-instance-id', 'greet-ada');
    await page.getByTestId('workflow-filter').selectOption('all');
    await expect(page.getByTestId('instance-row')).toHaveCount(2);

    // Newest first by default; by status, errored before complete, and the other way on a second click.
    const order = () => page.getByTestId('instance-row').evaluateAll((rows) => rows.map((r) => r.dataset.instanceId));
    expect(await order()).toEqual(['broken-2', 'greet-ada']);
    await page.getByTestId('sort-started').click();
    await expect.poll(order).toEqual(['greet-ada', 'broken-2']);
    await page.getByTestId('sort-status').click();
    await expect.poll(order).toEqual(['broken-2', 'greet-ada']);
    await page.getByTestId('sort-status').click();
    await expect.poll(order).toEqual(['greet-ada', 'broken-2']);

    // The selection survives a reload: the summary is back without a click.
    await row('greet-ada').click();
    await expect(page.getByTestId('summary-id')).toHaveText('greet-ada');
    await page.reload();
    await expect(page.getByTestId('summary-id')).toHaveText('greet-ada', { timeout: READY_TIMEOUT });
    await expect(row('greet-ada')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('executor-status')).toHaveAttribute('data-status', 'ready', {
      timeout: READY_TIMEOUT,
    });

    // Run again…: the Run dialog holds its workflow and params; edited, it runs a new instance.
    await page.getByTestId('run-again').click();
    const dialog = page.getByTestId('run-dialog');
    await expect(dialog.getByTestId('run-again-note')).toContainText('greet-ada');
    await expect(dialog.getByLabel('Workflow')).toHaveValue('greeter');
    await expect(dialog.getByTestId('run-params')).toHaveValue('{\n  "who": "Ada"\n}');
    await expect(dialog.getByTestId('run-id')).toHaveValue('');
    await dialog.getByTestId('run-params').fill('{"who": "Bob"}');
    await dialog.getByTestId('run-id').fill('greet-bob');
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(dialog).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByTestId('summary-id')).toHaveText('greet-bob');
    await expect(page.getByTestId('summary-output')).toContainText('"Hello, Bob! (BOB)"', { timeout: 30_000 });
    expect(errors).toEqual([]);
  });
});

test('Send event prefills the payload: the sample’s example first, then the last payload sent to that type', async ({
  page,
}) => {
  const errors = recordErrors(page);
  await openStudio(page);
  await openSample(page, 'Waiting for approval (with timeout)');
  const send = page.getByTestId('send-event-dialog');
  for (const [i, expected] of [
    ['sample', '{"approved": true, "by": "ana"}'],
    ['last-sent', '{"approved": false, "by": "bo"}'],
  ].entries()) {
    await runFromDialog(page);
    await expect(node(page, 'wait-for-approval')).toHaveAttribute('data-status', 'waiting', { timeout: 30_000 });
    await page.getByTestId('action-send-event').click();
    await expect(send.getByTestId('event-type')).toHaveValue('approval');
    await expect(send.getByTestId('event-payload')).toHaveValue(expected[1] ?? '');
    await expect(send.getByTestId('payload-prefill')).toContainText(
      expected[0] === 'sample' ? 'the example the sample gives' : 'the last payload sent to this type',
    );
    if (i === 0) await send.getByTestId('event-payload').fill('{"approved": false, "by": "bo"}');
    await send.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(send).toHaveCount(0);
    await expect(node(page, 'apply_decision')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  }
  expect(errors).toEqual([]);
});
