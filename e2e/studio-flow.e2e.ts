import { expect, test } from '@playwright/test';
import {
  node,
  offOrigin,
  openSample,
  openStudio,
  recordErrors,
  recordRequests,
  runFromDialog,
  snap,
} from './studio-helpers';

test.describe('studio: a new user runs samples', () => {
  test('picks a sample, runs it, watches the graph turn green, inspects a step, answers a waiting instance', async ({
    page,
  }) => {
    const requests = recordRequests(page);
    const errors = recordErrors(page);
    await openStudio(page);
    // A first visit seeds the starter workflow as a file.
    await expect(page.getByTestId('file-select')).toHaveValue(/.+/);
    await expect(page.getByTestId('file-select').locator('option:checked')).toHaveText('order_workflow.py');
    await expect(node(page, 'fetch_order')).toBeVisible();
    await snap(page, 'studio-first-visit');

    // Hello world: one step, then green.
    await openSample(page, 'Hello world');
    await expect(page.getByTestId('file-select').locator('option:checked')).toHaveText('hello_world.py');
    await expect(node(page, 'greet')).toHaveAttribute('data-status', 'plan');
    await runFromDialog(page);
    await expect(node(page, 'greet')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(page.getByTestId('instance-row').first()).toHaveAttribute('data-status', 'complete');

    // The inspector shows the step's attempt, its captured print and its output.
    await node(page, 'greet').click();
    const inspector = page.getByTestId('inspector-details');
    await expect(inspector).toHaveAttribute('data-node-name', 'greet');
    await expect(inspector.getByTestId('attempt')).toHaveCount(1);
    await expect(inspector.getByTestId('attempt')).toContainText('succeeded');
    await expect(inspector.locator('.attempt__logs')).toHaveText('greeting Ada\n');
    await expect(inspector.getByTestId('json-tree').last()).toHaveText('"Hello, Ada!"');
    // Clicking the node also selected its code.
    await expect(
      page.locator('.monaco-editor .current-line ~ *, .monaco-editor .selected-text').first(),
    ).toBeAttached();
    await snap(page, 'studio-hello-complete');

    // Approval: the instance waits for an event, the user sends it, the instance completes.
    await openSample(page, 'Waiting for approval (with timeout)');
    await runFromDialog(page);
    await expect(node(page, 'submit_expense')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    const wait = node(page, 'wait-for-approval');
    await expect(wait).toHaveAttribute('data-status', 'waiting');
    await expect(wait.getByTestId('countdown')).toHaveText(/^timeout in (1:00:00|59:\d\d)$/);
    await expect(page.getByTestId('toolbar-instance')).toContainText('waiting');
    await wait.click();
    await expect(inspector).toContainText('"approval"');
    await snap(page, 'studio-waiting-for-approval');

    await page.getByTestId('action-send-event').click();
    const send = page.getByTestId('send-event-dialog');
    await expect(send).toContainText('is waiting for: “approval”');
    await expect(send.getByTestId('event-type')).toHaveValue('approval');
    await send.getByTestId('event-payload').fill('{"approved": true, "by": "ana"}');
    await snap(page, 'studio-send-event');
    await send.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(send).toHaveCount(0);

    await expect(node(page, 'apply_decision')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(wait).toHaveAttribute('data-status', 'done');
    await expect(node(page, 'escalate')).toHaveAttribute('data-status', 'not-run');
    // Replay after the event served submit_expense from the journal.
    await expect(node(page, 'submit_expense')).toContainText('cached');
    await expect(page.getByTestId('toolbar-instance')).toContainText('complete');
    // The instance ended without the timeout branch: its step was not run (no longer "not run yet").
    await expect(node(page, 'escalate').locator('.plan-node__status')).toHaveText('not run');
    await node(page, 'apply_decision').click();
    await expect(inspector.getByTestId('json-tree').last()).toContainText('"ana"');
    // Illegal actions say why, in the engine's words.
    await expect(page.getByTestId('action-terminate')).toHaveAttribute('aria-disabled', 'true');
    await expect(page.getByTestId('action-terminate')).toHaveAttribute(
      'title',
      'Cannot terminate instance since its on a finite state',
    );
    await expect(page.getByTestId('action-send-event')).toHaveAttribute('aria-disabled', 'true');
    await snap(page, 'studio-approval-complete');

    await expect(page.getByTestId('instance-row')).toHaveCount(2);
    expect(offOrigin(requests)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('bad params JSON shows its message and runs nothing; an executor error is shown verbatim', async ({ page }) => {
    const errors = recordErrors(page);
    await openStudio(page);
    await page.getByTestId('action-run').click();
    const dialog = page.getByTestId('run-dialog');
    await dialog.getByTestId('run-params').fill('{"order_id": "A-1",}');
    await expect(dialog.getByTestId('params-error')).toHaveText(/^Params are not valid JSON: .+line 1/);
    const run = dialog.getByRole('button', { name: 'Run', exact: true });
    await expect(run).toHaveAttribute('aria-disabled', 'true');
    await run.click({ force: true }); // aria-disabled: still focusable (its tooltip says why), does nothing
    await snap(page, 'studio-bad-params');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('instance-row')).toHaveCount(0);

    // A valid run with an id, then the same id again: the engine's error, verbatim.
    await dialog.getByTestId('run-params').fill('{"order_id": "A-1"}');
    await dialog.getByTestId('run-id').fill('order-1');
    await run.click();
    await expect(dialog).toHaveCount(0, { timeout: 30_000 });
    await page.getByTestId('action-run').click();
    await dialog.getByTestId('run-id').fill('order-1');
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(dialog.getByTestId('failure')).toContainText(
      'WorkflowError: (instance.already_exists) Workflow instance with id "order-1" already exists',
    );
    await snap(page, 'studio-duplicate-id');
    // Esc closes the dialog.
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});
