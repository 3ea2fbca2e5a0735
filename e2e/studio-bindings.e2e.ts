/**
 * The bindings browser: a user declares a KV namespace for the open file, runs a workflow that puts a key, sees
 * the key and its value in Env & bindings, edits it there, and a D1 statement's SQLite error reads as D1's.
 */
import { expect, test } from '@playwright/test';
import {
  node,
  openStudio,
  recordErrors,
  replaceEditorText,
  replaceEditorTextIn,
  runFromDialog,
  snap,
} from './studio-helpers';

const FLOW = `from workers import WorkflowEntrypoint


class RememberWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("remember")
        async def remember():
            await self.env.KV.put("order:A-17", "charged", metadata={"by": self.env.WHO})
            return await self.env.KV.get("order:A-17")

        return await remember()
`;

const ENV =
  '{"kv_namespaces": [{"binding": "KV"}], "d1_databases": [{"binding": "DB"}], "vars": {"WHO": "ada"}, "secrets": {"TOKEN": "sk_live_hidden"}}';

test.describe('studio: bindings', () => {
  test('declare KV, run a workflow that puts a key, see it in the browser, edit it', async ({ page }) => {
    const errors = recordErrors(page);
    await openStudio(page);
    await replaceEditorText(page, FLOW, 'RememberWorkflow');

    await page.getByTestId('open-env').click();
    const dialog = page.getByTestId('env-dialog');
    const editor = dialog.getByTestId('env-text');
    await replaceEditorTextIn(editor, '{"kv_namespaces": [{"binding": "my kv"}]}', '"my kv"');
    await expect(dialog.getByTestId('env-problem')).toHaveText(
      'kv_namespaces[0].binding must be a name like "KV" (letters, digits, _)',
    );
    // The editor checks the declaration's JSON Schema too: the bad name is squiggled.
    await expect(editor.locator('.squiggly-warning, .squiggly-error').first()).toBeVisible();
    await replaceEditorTextIn(editor, ENV, 'sk_live_hidden');
    await dialog.getByTestId('env-save').click();
    await expect(dialog.getByTestId('bindings-browser')).toBeVisible();
    // The secret's value is never drawn: masked in the declaration and in the values table.
    await expect(editor).toContainText(/"TOKEN":\s"••••••"/);
    await expect(dialog.getByTestId('env-values')).toContainText('TOKEN');
    await expect(dialog).not.toContainText('sk_live_hidden');
    await expect(dialog.getByTestId('kv-entries')).not.toContainText('order:A-17');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await runFromDialog(page);
    await expect(page.getByTestId('instance-row').first()).toHaveAttribute('data-status', 'complete', {
      timeout: 30_000,
    });
    // The step's attempt lists the binding calls it made, as journaled.
    await node(page, 'remember').click();
    await expect(page.getByTestId('binding-call')).toHaveText(['KV.put order:A-17', 'KV.get order:A-17']);

    await page.getByTestId('open-env').click();
    const entry = dialog.getByTestId('kv-entry');
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText('order:A-17');
    await expect(entry).toContainText('charged');
    await expect(entry).toContainText('{"by":"ada"}');
    await snap(page, 'studio-bindings-kv');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await snap(page, 'studio-bindings-kv-dark-1280');
    await page.emulateMedia({ colorScheme: 'light' });

    await dialog.getByTestId('kv-key').fill('order:A-17');
    await dialog.getByTestId('kv-value').fill('refunded');
    await dialog.getByTestId('kv-put').click();
    await expect(entry).toContainText('refunded');
    await dialog.getByTestId('kv-key').fill('k'.repeat(513));
    await dialog.getByTestId('kv-put').click();
    await expect(dialog.getByTestId('binding-error')).toHaveText(
      'KV PUT failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512.',
    );
    await entry.getByRole('button', { name: 'Delete' }).click();
    await expect(entry).toHaveCount(0);

    await dialog.getByTestId('binding-tab-DB').click();
    await dialog.getByTestId('d1-sql').fill('CREATE TABLE t (x)');
    await dialog.getByTestId('d1-run').click();
    await expect(dialog.getByRole('button', { name: 't', exact: true })).toBeVisible();
    await dialog.getByTestId('d1-sql').fill('SELEC 1');
    await dialog.getByTestId('d1-run').click();
    await expect(dialog.getByTestId('binding-error')).toHaveText('D1_ERROR: near "SELEC": syntax error: SQLITE_ERROR');
    expect(errors).toEqual([]);
  });
});
