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
    expect(JSON.parse(text)).toMatchObject({ format: 'workflow-studio-journal', version: 2, instance: { id } });
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

test.describe('history: an imported instance and its source file', () => {
  test('imported with its source it is linked to that file (graph, resume, export); without, the graph says so and offers a picker', async ({
    page,
    browser,
  }) => {
    // An unfinished instance (waiting for an event), exported with its source.
    await openStudio(page);
    await openSample(page, 'Waiting for approval (with timeout)');
    await runFromDialog(page);
    await expect(node(page, 'wait-for-approval')).toHaveAttribute('data-status', 'waiting', { timeout: 30_000 });
    const id = await selectedId(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-journal').click()]);
    const path = `${ARTIFACTS}/approval-waiting.journal.json`;
    await download.saveAs(path);
    const original = JSON.parse(readFileSync(path, 'utf8'));
    const workflow: string = original.instance.workflowName;
    expect(original.source.name).toBe('approval_wait.py');

    const context = await browser.newContext();
    const fresh = await context.newPage();
    const errors = recordErrors(fresh);
    await openStudio(fresh);
    const dialog = fresh.getByTestId('import-dialog');
    const importJson = async (name: string, json: unknown, asId?: string) => {
      await fresh.getByTestId('open-import').click();
      await dialog
        .getByTestId('import-file')
        .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) });
      await expect(dialog.getByTestId('import-summary')).toBeVisible();
      if (asId) await dialog.getByTestId('import-id').fill(asId);
      await dialog.getByRole('button', { name: 'Import', exact: true }).click();
      await expect(dialog).toHaveCount(0);
    };
    const linkedFile = (instanceId: string) =>
      fresh.evaluate(
        (instanceId) =>
          new Promise<string | null>((resolve, reject) => {
            const open = indexedDB.open('workflow-studio');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const req = open.result.transaction('instanceFiles').objectStore('instanceFiles').get(instanceId);
              req.onsuccess = () => {
                open.result.close();
                resolve((req.result as { fileId: string } | undefined)?.fileId ?? null);
              };
            };
          }),
        instanceId,
      );
    const note = fresh.getByTestId('instance-file-note');

    // Without its source: no file here, and the graph says so plainly, with a picker of the studio's files.
    const { source: _dropped, ...sourceless } = original;
    await importJson('no-source.journal.json', sourceless);
    expect(await selectedId(fresh)).toBe(id);
    await expect(fresh.getByTestId('notice').filter({ hasText: `Imported ${id}` })).toContainText(
      'with no source file',
    );
    expect(await linkedFile(id)).toBeNull();
    await expect(note).toContainText(
      `Imported journal: instance ${id} has no source file here — link it to the file of workflow “${workflow}”; it runs that file’s code from then on:`,
    );
    const picker = fresh.getByTestId('instance-file-picker');
    await expect(picker.locator('option')).toHaveText(['pick a file…', 'order_workflow.py']);
    await expect(picker.locator('optgroup')).toHaveAttribute('label', `No file defines “${workflow}”`);
    await snap(fresh, 'import-no-source');

    // With its source, under another id: the file is created, linked in the import, opened, and loaded into
    // Python, so the waiting instance resumed with that code: an event completes it.
    await importJson('with-source.journal.json', original, `${id}-2`);
    expect(await selectedId(fresh)).toBe(`${id}-2`);
    await expect(fresh.getByTestId('file-select').locator('option:checked')).toHaveText('approval_wait.py');
    const fileId = await linkedFile(`${id}-2`);
    expect(fileId).not.toBeNull();
    await expect(node(fresh, 'wait-for-approval')).toHaveAttribute('data-status', 'waiting');
    await fresh.getByTestId('action-send-event').click();
    const send = fresh.getByTestId('send-event-dialog');
    await send.getByTestId('event-payload').fill('{"approved": true, "by": "ana"}');
    await send.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(toolbarStatus(fresh)).toHaveText('complete', { timeout: 30_000 });
    await expect(node(fresh, 'apply_decision')).toHaveAttribute('data-status', 'done');

    // The picker links the sourceless one to the file that defines its workflow (listed first), and opens it.
    await fresh.getByTestId('file-select').selectOption({ label: 'order_workflow.py' });
    await fresh.locator(`[data-testid="instance-row"][data-instance-id="${id}"]`).click();
    expect(await selectedId(fresh)).toBe(id);
    await expect(picker.locator('optgroup')).toHaveText([/approval_wait\.py/, /order_workflow\.py/]);
    await expect(picker.locator('optgroup').first()).toHaveAttribute('label', `Define “${workflow}”`);
    await picker.selectOption({ label: 'approval_wait.py' });
    await expect(node(fresh, 'wait-for-approval')).toHaveAttribute('data-status', 'waiting');
    await expect(note).toHaveCount(0);
    await expect.poll(() => linkedFile(id)).toBe(fileId);
    // Linked for good: with another file open, the graph now names its file.
    await fresh.getByTestId('file-select').selectOption({ label: 'order_workflow.py' });
    await expect(note).toContainText(
      `Instance ${id} runs workflow “${workflow}” of approval_wait.py, not of the open file.`,
    );

    // The linked one, while another file is open: the graph names its file, and a button opens it.
    await fresh.getByTestId('file-select').selectOption({ label: 'order_workflow.py' });
    await fresh.locator(`[data-testid="instance-row"][data-instance-id="${id}-2"]`).click();
    await expect(note).toContainText(
      `Instance ${id}-2 runs workflow “${workflow}” of approval_wait.py, not of the open file.`,
    );
    await note.getByRole('button', { name: 'Open approval_wait.py' }).click();
    await expect(node(fresh, 'apply_decision')).toHaveAttribute('data-status', 'done');
    // Exported again, it carries its source.
    const [again] = await Promise.all([fresh.waitForEvent('download'), fresh.getByTestId('export-journal').click()]);
    const reexported = JSON.parse(readFileSync(await again.path(), 'utf8'));
    expect(reexported.source.name).toBe('approval_wait.py');

    // A source that does not load: imported and linked, and the notice says it waits for its code, and why.
    await importJson(
      'broken.journal.json',
      { ...original, source: { name: 'approval_wait.py', text: 'def (:\n' } },
      `${id}-3`,
    );
    await expect(fresh.getByTestId('notice').filter({ hasText: `${id}-3 waits for its code` })).toContainText(
      `${id}-3 waits for its code: approval_wait_2.py did not load into Python`,
    );
    await expect(fresh.getByTestId('notice').filter({ hasText: `${id}-3 waits for its code` })).toContainText(
      'SyntaxError',
    );
    await expect(toolbarStatus(fresh)).toHaveText('waiting');
    expect(errors).toEqual([]);
    await context.close();
  });
});
