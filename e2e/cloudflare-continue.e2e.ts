/**
 * Cloudflare imports the studio cannot only replay: "Continue here" forks an instance waiting for an event into
 * a live local one that the studio's Send event completes, and an unknown step type is shown where the history
 * stops, with a replay that says it stopped there; Delete works on a read-only instance. Fixture: src/cli/__fixtures__/cf-approval-waiting.json (the
 * documented shape of GET …/instances/{id}, as src/cli/replay-cloudflare.test.ts cites) for
 * src/export/__fixtures__/approval_workflow.py.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { selectedId, toolbarStatus } from './history-helpers';
import { node, openStudio, recordErrors, replaceEditorText, snap } from './studio-helpers';

const WAITING = readFileSync('src/cli/__fixtures__/cf-approval-waiting.json', 'utf8');
const SOURCE = readFileSync('src/export/__fixtures__/approval_workflow.py', 'utf8');

/** The same instance, finished on Cloudflare after a step of a type the studio does not know. */
function withUnknownStep(): string {
  const json = JSON.parse(WAITING);
  const r = json.result;
  r.id = 'approval-8';
  r.status = 'complete';
  r.end = '2026-11-20T09:05:00.000Z';
  r.output = { approved_by: 'ada' };
  r.steps[1] = { type: 'agentCall', name: 'ask-1', start: '2026-11-20T09:00:01.000Z', end: null };
  return JSON.stringify(json);
}

test('an instance waiting for an event continues here and completes; an unknown step type stops the history and its replay', async ({
  page,
}) => {
  const errors = recordErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openStudio(page);
  await replaceEditorText(page, SOURCE, 'class ApprovalWorkflow(WorkflowEntrypoint):');
  await expect(node(page, 'request_approval')).toBeVisible();

  await page.getByTestId('open-import').click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-file').setInputFiles([
    { name: 'approval-7.json', mimeType: 'application/json', buffer: Buffer.from(WAITING) },
    { name: 'approval-8.json', mimeType: 'application/json', buffer: Buffer.from(withUnknownStep()) },
  ]);
  await expect(dialog.getByTestId('cf-import-item')).toHaveText([
    'approval-7 · waiting · 1 steps',
    'approval-8 · complete · 1 steps',
  ]);
  await dialog.getByTestId('import-submit').click();
  await expect(dialog).toHaveCount(0);

  // The unknown step type: shown where the history stops; Cloudflare's status in the list; the replay stops there.
  await page.locator('[data-instance-id="approval-8"]').click();
  await expect(page.getByTestId('history-cloudflare-stop')).toContainText(
    'steps[1] "ask-1": unknown step type "agentCall"',
  );
  await expect(page.locator('[data-instance-id="approval-8"]')).toHaveAttribute('data-status', 'complete');
  const panel = page.getByTestId('cf-panel');
  await expect(panel.getByTestId('cf-continue')).toHaveCount(0);
  await panel.getByTestId('cf-replay').click();
  await expect(panel.getByTestId('cf-verdict-word')).toHaveText('stopped');
  await expect(panel.getByTestId('cf-verdict-detail')).toContainText('unknown step type "agentCall"');
  await snap(page, 'cloudflare-unknown-step');

  // Continue here: a live local fork, waiting for the event; the studio sends it and it completes.
  await page.locator('[data-instance-id="approval-7"]').click();
  await expect(panel.getByTestId('cf-continue')).toBeEnabled();
  await snap(page, 'cloudflare-continue');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'cloudflare-continue-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await panel.getByTestId('cf-continue').click();
  await expect.poll(() => selectedId(page)).toBe('approval-7-local');
  await expect(toolbarStatus(page)).toHaveText('waiting', { timeout: 20_000 });
  await expect(page.locator('[data-instance-id="approval-7-local"] [data-testid="instance-file"]')).not.toContainText(
    'Cloudflare',
  );
  await page.getByTestId('action-send-event').click();
  const send = page.getByTestId('send-event-dialog');
  await send.getByTestId('event-payload').fill('{"by": "ada"}');
  await send.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(toolbarStatus(page)).toHaveText('complete', { timeout: 20_000 });
  await expect(page.getByTestId('summary-output')).toContainText('ada');

  // Delete works on a read-only instance (the only action that does; wider, so it is not under "More ▾").
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.locator('[data-instance-id="approval-8"]').click();
  await page.getByTestId('action-delete').click();
  await page.getByTestId('delete-instances-dialog').getByRole('button', { name: 'Delete 1 instance' }).click();
  await expect(page.locator('[data-instance-id="approval-8"]')).toHaveCount(0);
  expect(errors).toEqual([]);
});
