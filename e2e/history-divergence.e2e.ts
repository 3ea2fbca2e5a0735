import { expect, test } from '@playwright/test';
import { lanes, printsOf, readJournal, selectedId, snapHistory, toolbarStatus } from './history-helpers';
import { node, openSample, openStudio, recordErrors, runFromDialog, snap, wordCenter } from './studio-helpers';

test.describe('history: divergence', () => {
  test('renaming a step while an instance sleeps: the replay diverges, and graph and history say where', async ({
    page,
  }) => {
    const errors = recordErrors(page);
    await openStudio(page);
    await openSample(page, 'Editing code mid-flight (divergence)');
    await runFromDialog(page);
    await expect(node(page, 'wait-for-carrier')).toHaveAttribute('data-status', 'sleeping', { timeout: 30_000 });
    const id = await selectedId(page);

    // Rename the step while the instance sleeps, and load the edited code into Python.
    const { x, y } = await wordCenter(page, '@step.do("reserve stock")', 'stock');
    await page.mouse.dblclick(x, y);
    await page.keyboard.type('inventory');
    await expect(node(page, 'reserve inventory')).toBeVisible();
    await page.getByTestId('action-load-code').click();
    await expect(page.getByText('Loaded code_change_divergence.py (v2) into Python')).toBeVisible();

    // Wake it: run 2 asks for "reserve inventory" where the journal holds "reserve stock".
    await page.getByTestId('action-skip-wait').click();
    await expect(toolbarStatus(page)).toHaveText('complete', { timeout: 30_000 });
    await expect(lanes(page)).toHaveCount(2);
    const divergence = page.getByTestId('history-divergence');
    await expect(divergence).toHaveText(
      '⚠ run 2 diverged from the journaljournal expected step reserve stock, the code asked for step reserve inventory',
    );
    await expect(page.getByTestId('graph-divergence')).toContainText(
      'Run 2 diverged from the journal: it expected step “reserve stock”, the code asked for step “reserve inventory”',
    );
    await expect(node(page, 'reserve inventory').getByTestId('node-diverged')).toBeVisible();
    // The pitfall: the renamed step ran again, a second reservation.
    expect(printsOf(await readJournal(page, id), 'reserving 3 items')).toBe(2);
    await snap(page, 'history-divergence');
    await snapHistory(page, 'history-divergence-pane');
    expect(errors).toEqual([]);
  });
});
