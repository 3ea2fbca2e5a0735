/**
 * Two tabs editing one file never lose an edit silently: a tab with nothing unsaved shows the other tab's saves
 * live, and when both edited, the save that comes second finds a newer version and shows both texts, side by
 * side, until the user keeps one or merges them.
 */
import { expect, type Page, test } from '@playwright/test';
import { READY_TIMEOUT, recordErrors, snap } from './studio-helpers';

const code = (page: Page) => page.locator('.monaco-editor .view-lines').first();

/** Opens the studio and waits for the editor (Python is not needed to edit). */
async function openEditor(page: Page): Promise<void> {
  await page.goto('/');
  await expect(code(page)).toContainText('WorkflowEntrypoint', { timeout: READY_TIMEOUT });
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
}

/** Types `text` at the end of the editor line holding `line`. */
async function typeAtEnd(page: Page, line: string, text: string): Promise<void> {
  await page.locator('.monaco-editor .view-line', { hasText: line }).first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

test.describe('studio: two tabs on one file', () => {
  test('a clean tab follows the other live; edits in both become a conflict showing both texts', async ({
    context,
  }) => {
    const one = await context.newPage();
    const two = await context.newPage();
    const errors = [...[one, two].map(recordErrors)];
    await openEditor(one);
    await openEditor(two);
    await expect(two.getByTestId('file-select').locator('option')).toHaveText(['order_workflow.py']);

    // Tab one saves; tab two, with nothing unsaved, shows it at once.
    await typeAtEnd(one, 'payment = await charge_card()', '  # from tab one');
    await expect(one.getByTestId('save-status')).toHaveText('saved · v2');
    await expect(code(two)).toContainText('payment = await charge_card()  # from tab one');
    await expect(two.getByTestId('save-status')).toHaveText('saved · v2');

    // Both edit before either autosave: whichever saves second is told, and nothing is overwritten.
    await typeAtEnd(two, 'await step.sleep("cool-off", "10 seconds")', '  # from tab two');
    await typeAtEnd(one, 'return await send_receipt()', '  # from tab one again');
    const showing = async () =>
      (await Promise.all([one, two].map((p) => p.getByTestId('edit-conflict').count()))).join(' ');
    await expect.poll(showing, { timeout: 10_000 }).toMatch(/^(1 0|0 1)$/);
    const [loser, winner] = (await showing()) === '1 0' ? [one, two] : [two, one];
    const [lost, kept] =
      loser === one ? ['# from tab one again', '# from tab two'] : ['# from tab two', '# from tab one again'];
    await expect(loser.getByTestId('save-status')).toHaveText('not saved (conflict)');
    const view = loser.getByTestId('edit-conflict');
    await expect(view.getByRole('alert')).toContainText(
      'order_workflow.py was changed in another tab (version 3) while you edited it here. Nothing is saved until you choose.',
    );
    // Both texts: theirs on the left, mine on the right.
    await expect(view.locator('.editor.original .lines-content > .view-lines')).toContainText(kept);
    await expect(view.locator('.editor.original .lines-content > .view-lines')).not.toContainText(lost);
    await expect(view.locator('.editor.modified .lines-content > .view-lines')).toContainText(lost);
    await snap(loser, 'two-tabs-conflict');

    // Merge by hand: add the other tab's line to mine (the right side), and save that.
    const keptLine =
      kept === '# from tab two' ? 'await step.sleep("cool-off", "10 seconds")' : 'return await send_receipt()';
    await view
      .locator('.editor.modified .lines-content > .view-lines .view-line', { hasText: keptLine })
      .first()
      .click();
    await loser.keyboard.press('End');
    await loser.keyboard.type(`  ${kept}`);
    await view.getByRole('button', { name: 'Save the right side' }).click();
    await expect(loser.getByTestId('edit-conflict')).toHaveCount(0);
    await expect(loser.getByTestId('save-status')).toHaveText('saved · v4');
    for (const page of [loser, winner]) {
      await expect(code(page)).toContainText(lost);
      await expect(code(page)).toContainText(kept);
    }
    await expect(winner.getByTestId('save-status')).toHaveText('saved · v4');
    expect(errors.flat()).toEqual([]);
  });
});
