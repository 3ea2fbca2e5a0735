import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { attemptsOf, lanes, selectedId, snapHistory, toolbarStatus } from './history-helpers';
import { ARTIFACTS, node, openSample, openStudio, recordErrors, runFromDialog, snap } from './studio-helpers';

test.describe('history: journal export and import', () => {
  test('an exported journal imported in a fresh browser shows the same history; bad files change nothing', async ({
    page,
    browser,
  }) => {
    await openStudio(page);
    await openSample(page, 'Retries with backoff');
    await runFromDialog(page);
    await expect(toolbarStatus(page)).toHaveText('complete', { timeout: 30_000 });
    const id = await selectedId(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-journal').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`-${id}\\.journal\\.json$`));
    const path = `${ARTIFACTS}/history-export.journal.json`;
    await download.saveAs(path);
    const text = readFileSync(path, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'workflow-studio-journal', version: 1, instance: { id } });
    expect(JSON.parse(text).source.name).toBe('retries_backoff.py');

    // A fresh profile: empty IndexedDB.
    const context = await browser.newContext();
    const fresh = await context.newPage();
    const errors = recordErrors(fresh);
    await openStudio(fresh);
    await expect(fresh.getByTestId('instance-row')).toHaveCount(0);

    // Not JSON, then a journal with a gap: one clear message each, and nothing imported.
    await fresh.getByTestId('open-import').click();
    const dialog = fresh.getByTestId('import-dialog');
    const pick = (name: string, body: string) =>
      dialog
        .getByTestId('import-file')
        .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(body) });
    await pick('broken.journal.json', '{"format": "workflow-studio-journal", "version": 1');
    await expect(dialog.getByTestId('import-error')).toContainText('Not a journal file: it is not JSON');
    await expect(dialog.getByTestId('import-error')).toContainText('Nothing was imported.');
    const gap = JSON.parse(text);
    gap.events[3].seq = 9;
    await pick('gap.journal.json', JSON.stringify(gap));
    await expect(dialog.getByTestId('import-error')).toHaveText(
      'Invalid journal file: events[3].seq: expected 4, got 9. Nothing was imported.',
    );
    await snap(fresh, 'history-import-bad-file');
    await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toHaveAttribute('aria-disabled', 'true');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(fresh.getByTestId('instance-row')).toHaveCount(0);

    // The exported file: the same lanes and attempts as where it ran.
    await fresh.getByTestId('open-import').click();
    await dialog.getByTestId('import-file').setInputFiles(path);
    await expect(dialog.getByTestId('import-summary')).toContainText(id);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    await expect(fresh.getByTestId('instance-row')).toHaveCount(1);
    expect(await selectedId(fresh)).toBe(id);
    await expect(toolbarStatus(fresh)).toHaveText('complete');
    await expect(lanes(fresh)).toHaveCount(3);
    await expect(attemptsOf(fresh, 'call_flaky_api')).toHaveCount(3);
    await expect(attemptsOf(fresh, 'store_result')).toHaveCount(1);
    // Its source was opened as a file, so the graph overlays the imported run.
    await expect(fresh.getByTestId('file-select').locator('option:checked')).toHaveText('retries_backoff.py');
    await expect(node(fresh, 'call_flaky_api')).toHaveAttribute('data-status', 'done');
    await snap(fresh, 'history-imported');
    await snapHistory(fresh, 'history-imported-pane');

    // The same file again: its id is taken, so it is offered under a new one.
    await fresh.getByTestId('open-import').click();
    await dialog.getByTestId('import-file').setInputFiles(path);
    await expect(dialog.getByTestId('import-id')).toHaveValue(`${id}-imported`);
    await dialog.getByTestId('import-id').fill(id);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByTestId('import-error')).toHaveText(
      `An instance with id "${id}" already exists; choose another id.`,
    );
    await dialog.getByTestId('import-id').fill(`${id}-copy`);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    await expect(fresh.getByTestId('instance-row')).toHaveCount(2);
    expect(await selectedId(fresh)).toBe(`${id}-copy`);
    await expect(lanes(fresh)).toHaveCount(3);
    expect(errors).toEqual([]);
    await context.close();
  });
});
