import { expect, type Page, test } from '@playwright/test';
import { node, openStudio, recordErrors, snap } from './studio-helpers';

/** Runs the open file through the Run dialog with a given instance id. */
async function runWithId(page: Page, id: string): Promise<void> {
  await page.getByTestId('action-run').click();
  const dialog = page.getByTestId('run-dialog');
  await dialog.getByTestId('run-id').fill(id);
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dialog).toHaveCount(0, { timeout: 30_000 });
}

const toolbarStatus = (page: Page) => page.getByTestId('toolbar-instance').locator('.status-pill');

test.describe('studio: instance controls', () => {
  test('pause, resume, skip wait, restart from a step, terminate and delete, with reasons when illegal', async ({
    page,
  }) => {
    const errors = recordErrors(page);
    await openStudio(page);

    // The starter sleeps 10 s after charge_card.
    await runWithId(page, 'ctl-1');
    await expect(node(page, 'cool-off')).toHaveAttribute('data-status', 'sleeping', { timeout: 30_000 });
    await expect(toolbarStatus(page)).toHaveText('waiting');
    await expect(page.getByTestId('action-resume')).toHaveAttribute(
      'title',
      'Only a paused instance can be resumed; this one is waiting.',
    );

    await page.getByTestId('action-pause').click();
    await expect(toolbarStatus(page)).toHaveText('paused');
    await expect(page.getByTestId('action-pause')).toHaveAttribute('title', 'The instance is already paused.');
    await expect(page.getByTestId('action-skip-wait')).toHaveAttribute(
      'title',
      'The instance is paused: resume it first.',
    );
    await snap(page, 'studio-paused');

    await page.getByTestId('action-resume').click();
    await expect(toolbarStatus(page)).toHaveText('waiting');
    await page.getByTestId('action-skip-wait').click();
    await expect(toolbarStatus(page)).toHaveText('complete', { timeout: 30_000 });
    await expect(node(page, 'send_receipt')).toHaveAttribute('data-status', 'done');

    // Restart from charge_card: fetch_order's result is kept, charge_card runs again.
    await node(page, 'charge_card').click();
    await page.getByTestId('action-restart-from').click();
    const restart = page.getByTestId('restart-from-dialog');
    await expect(restart.getByRole('radio', { checked: true })).toHaveValue('do:charge_card#1');
    await snap(page, 'studio-restart-from');
    await restart.getByRole('button', { name: 'Restart from here' }).click();
    await expect(restart).toHaveCount(0);
    await expect(node(page, 'cool-off')).toHaveAttribute('data-status', 'sleeping', { timeout: 30_000 });
    await expect(page.getByTestId('history-list')).toContainText('restarted');
    await page.getByTestId('action-skip-wait').click();
    await expect(toolbarStatus(page)).toHaveText('complete', { timeout: 30_000 });
    const inspector = page.getByTestId('inspector-details');
    await node(page, 'fetch_order').click();
    await expect(inspector.getByTestId('attempt')).toHaveCount(1);
    await expect(inspector).toContainText('executed in');

    // Terminate a second instance while it sleeps; terminating again is illegal, in the engine's words.
    await runWithId(page, 'ctl-2');
    await expect(node(page, 'cool-off')).toHaveAttribute('data-status', 'sleeping', { timeout: 30_000 });
    await page.getByTestId('action-terminate').click();
    await expect(toolbarStatus(page)).toHaveText('terminated');
    await expect(page.getByTestId('action-terminate')).toHaveAttribute(
      'title',
      'Cannot terminate instance since its on a finite state',
    );

    // Delete every finished instance.
    await expect(page.getByTestId('instance-row')).toHaveCount(2);
    await page.getByTestId('action-delete').click();
    const del = page.getByTestId('delete-instances-dialog');
    await del.getByRole('radio', { name: /Every finished instance/ }).check();
    await del.getByRole('button', { name: 'Delete 2 instances' }).click();
    await expect(page.getByTestId('instance-row')).toHaveCount(0);
    await expect(page.getByText('No instances yet — run the workflow')).toBeVisible();
    await expect(page.getByTestId('toolbar-instance')).toHaveText('no instance selected');
    expect(errors).toEqual([]);
  });
});
