import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { lanes, printsOf, readJournal, selectedId, snapHistory, toolbarStatus } from './history-helpers';
import {
  node,
  openSample,
  openStudio,
  recordErrors,
  replaceEditorText,
  runFromDialog,
  snap,
  wordCenter,
} from './studio-helpers';

const SAMPLE = readFileSync('src/ui/samples/code_change_divergence.py', 'utf8');

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

  test('changing a sleep duration while it sleeps: the history shows the replay note, and it sleeps anew', async ({
    page,
  }) => {
    const errors = recordErrors(page);
    await openStudio(page);
    await openSample(page, 'Editing code mid-flight (divergence)');
    await runFromDialog(page);
    await expect(node(page, 'wait-for-carrier')).toHaveAttribute('data-status', 'sleeping', { timeout: 30_000 });
    await expect(page.getByTestId('history-replay-notes')).toHaveCount(0);

    // "1 minute" becomes "2 minutes": Cloudflare keys a sleep by name and duration, so this is a new sleep.
    const edited = SAMPLE.replace('"wait-for-carrier", "1 minute"', '"wait-for-carrier", "2 minutes"');
    await replaceEditorText(page, edited, '"2 minutes"');
    await page.getByTestId('action-load-code').click();
    await expect(page.getByText('Loaded code_change_divergence.py (v2) into Python')).toBeVisible();

    // Wake it: run 2 skips the journaled 1-minute sleep and starts a 2-minute one, so it waits again.
    await page.getByTestId('action-skip-wait').click();
    await expect(lanes(page)).toHaveCount(2, { timeout: 30_000 });
    await expect(toolbarStatus(page)).toHaveText('waiting');
    const notes = page.getByTestId('history-replay-notes');
    await expect(notes.getByTestId('replay-note')).toHaveText([
      'run 2 sleep "wait-for-carrier" now sleeps 120000 ms; the journal holds 60000 ms. Cloudflare keys a sleep by its name and duration, so this is a new sleep there: the journaled one is skipped and the new one sleeps the whole 120000 ms.',
    ]);
    await expect(page.getByTestId('history-divergence')).toContainText(
      'journal expected sleep wait-for-carrier, the code asked for sleep wait-for-carrier',
    );
    await expect(node(page, 'wait-for-carrier')).toHaveAttribute('data-status', 'sleeping');
    await snapHistory(page, 'history-replay-notes-pane');
    expect(errors).toEqual([]);
  });
});
