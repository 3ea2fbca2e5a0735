import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { toolbarStatus } from './history-helpers';
import { READY_TIMEOUT, recordErrors, replaceEditorText, runFromDialog, snap } from './studio-helpers';

/**
 * The Learn panel, as a learner uses it: a `#learn/<id>` link opens a lesson with its file in the editor; the
 * starting file fails the check with what is missing; the learner edits the code in the editor, runs it, does
 * what the lesson lists, and Check passes; progress survives a reload.
 */
const lessonFile = (folder: string, file: string) => readFileSync(`lessons/${folder}/${file}`, 'utf8');

async function openLearnLink(page: Page, id: string) {
  await page.goto(`/#learn/${id}`);
  await expect(page.getByTestId('learn-pane')).toBeVisible({ timeout: READY_TIMEOUT });
  await expect(page.getByTestId('executor-status')).toHaveAttribute('data-status', 'ready', { timeout: READY_TIMEOUT });
}

const verdict = (page: Page) => page.getByTestId('lesson-verdict');

async function check(page: Page) {
  await page.getByTestId('lesson-check').click();
}

async function sendEvent(page: Page, type: string, payload: string) {
  await page.keyboard.press('e'); // E: send an event to the selected instance
  const send = page.getByTestId('send-event-dialog');
  await send.getByTestId('event-type').fill(type);
  await send.getByTestId('event-payload').fill(payload);
  await send.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(send).toHaveCount(0);
}

test('completes two lessons by editing the code in the editor and pressing Check', async ({ page }) => {
  const errors = recordErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });

  // Lesson "Sleeps end a run", from a deep link: the lesson's own file is open, with its starting code.
  await openLearnLink(page, 'sleeps');
  await expect(page.getByTestId('lesson-picker')).toHaveValue('sleeps');
  await expect(page.getByTestId('file-select').locator('option:checked')).toHaveText('lesson_sleeps.py');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('class InvoiceWorkflow');

  await check(page);
  await expect(verdict(page)).toContainText('lesson_sleeps.py has no instance yet');

  await runFromDialog(page);
  await expect(toolbarStatus(page)).toHaveText('complete', { timeout: 60_000 });
  await check(page);
  await expect(verdict(page)).toContainText(
    '✗ Not yet: send_reminder ran 0 s after send_invoice, with no step.sleep between; it must wait 1 day',
  );
  await page.getByTestId('lesson-hint').click();
  await expect(page.locator('.learn__hint-list li')).toHaveCount(1);
  await snap(page, 'learn-failed-check');

  // Show solution: the learner's file against the solution in Monaco's diff editor.
  await page.getByTestId('lesson-solution').click();
  const solution = page.getByTestId('solution-dialog');
  await expect(solution.locator('.monaco-diff-editor')).toBeVisible({ timeout: 30_000 });
  await expect(solution.locator('.modified-in-monaco-diff-editor .view-lines')).toContainText('wait a day');
  await snap(page, 'learn-solution-diff');
  await page.keyboard.press('Escape');
  await expect(solution).toHaveCount(0);

  await replaceEditorText(page, lessonFile('03-sleeps-end-a-run', 'solution.py'), 'wait a day');
  await runFromDialog(page);
  await expect(toolbarStatus(page)).toHaveText('waiting', { timeout: 60_000 });
  await page.keyboard.press('s'); // S: skip the sleep (the toolbar may have folded Skip wait into More)
  await expect(toolbarStatus(page)).toHaveText('complete', { timeout: 60_000 });
  await page.keyboard.press('c'); // C: check, from anywhere but a text field
  await expect(verdict(page)).toContainText('✓ Passed: run 1 ended at the sleep; run 2 woke and sent the reminder');
  await expect(page.getByTestId('lesson-picker').locator('option:checked')).toHaveText('3. Sleeps end a run ✓');

  // Lesson "Events", reached from the picker; the wrong event type stays queued until the code waits for it.
  await page.getByTestId('lesson-picker').selectOption('events');
  await expect(page).toHaveURL(/#learn\/events$/);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('class ApprovalWorkflow');
  await runFromDialog(page);
  await expect(toolbarStatus(page)).toHaveText('waiting', { timeout: 60_000 });
  await sendEvent(page, 'approval', '{"approved": true, "by": "ana"}');
  await check(page);
  await expect(verdict(page)).toContainText(
    'the “approval” event you sent is still queued: the wait “manager decides” waits for type “approved”',
  );

  await replaceEditorText(page, lessonFile('06-events', 'solution.py'), '"approval", timeout');
  await runFromDialog(page);
  await expect(toolbarStatus(page)).toHaveText('waiting', { timeout: 60_000 });
  await sendEvent(page, 'approval', '{"approved": true, "by": "ana"}');
  await expect(toolbarStatus(page)).toHaveText('complete', { timeout: 60_000 });
  await check(page);
  await expect(verdict(page)).toContainText('✓ Passed: the wait received the “approval” event');
  await snap(page, 'learn-passed-check');
  // ] and [ move through the lessons (not while typing), and the link follows.
  await page.getByTestId('lesson-check').focus();
  await page.keyboard.press(']');
  await expect(page.getByTestId('lesson-picker')).toHaveValue('concurrency');
  await expect(page).toHaveURL(/#learn\/concurrency$/);
  await page.keyboard.press('[');
  await expect(page.getByTestId('lesson-picker')).toHaveValue('events');

  // Progress is kept in IndexedDB: after a reload (at the README picture's size) both lessons are still passed.
  await page.setViewportSize({ width: 1600, height: 960 });
  await page.reload();
  await expect(page.getByTestId('learn-pane')).toBeVisible({ timeout: READY_TIMEOUT });
  await expect(page.getByTestId('lesson-picker')).toHaveValue('events');
  await expect(page.locator('.learn__count')).toHaveText('2/10 ✓');
  await check(page);
  await expect(verdict(page)).toContainText('✓ Passed');
  await expect(page.getByTestId('executor-status')).toHaveAttribute('data-status', 'ready', { timeout: READY_TIMEOUT });
  // The README's picture (UPDATE_SCREENSHOT=1 writes it), and the panel dark, large and at 1280×720, to look at.
  await snap(page, 'learn-large-light');
  if (process.env.UPDATE_SCREENSHOT) await page.screenshot({ path: 'docs/learn-screenshot.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'learn-large-dark');
  await page.setViewportSize({ width: 1280, height: 720 });
  await snap(page, 'learn-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // A link to a lesson that does not exist says so, and opens the first lesson.
  await page.evaluate(() => {
    window.location.hash = '#learn/no-such-lesson';
  });
  await expect(page.getByTestId('notice').filter({ hasText: 'No lesson “no-such-lesson”' })).toContainText(
    'The lessons are: steps-are-cached, replays, sleeps',
  );
  await expect(page.getByTestId('lesson-picker')).toHaveValue('steps-are-cached');
  expect(errors).toEqual([]);
});
