import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { toolbarStatus } from './history-helpers';
import { node, READY_TIMEOUT, recordErrors, replaceEditorText, runFromDialog, snap } from './studio-helpers';

/**
 * The idempotency lesson with crash injection inside the step: ⚡ After next call (reached by keyboard) kills the
 * executor right after the charge's KV write; the starting file charges twice, the learner's stable key once.
 */
const ARMED = '⚡ armed: kills the executor after the next call in a step';

async function armAfterNextCall(page: Page) {
  const button = page.getByTestId('kill-after-next-call');
  await expect(button).toBeEnabled({ timeout: READY_TIMEOUT });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('kill-armed')).toContainText(ARMED);
  await expect(page.getByTestId('disarm-kill')).toHaveText('⚡ Armed after call · Disarm');
}

test('idempotency lesson: the crash after the KV write charges twice; a stable key charges once', async ({ page }) => {
  const errors = recordErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/#learn/idempotency');
  await expect(page.getByTestId('learn-pane')).toBeVisible({ timeout: READY_TIMEOUT });
  await expect(page.getByTestId('executor-status')).toHaveAttribute('data-status', 'ready', { timeout: READY_TIMEOUT });
  await expect(page.getByTestId('learn-pane')).toContainText('Arm crash injection inside the step: ⚡ After next call');

  // Armed, then disarmed: nothing fires, the control is back.
  await armAfterNextCall(page);
  await page.getByTestId('disarm-kill').click();
  await expect(page.getByTestId('kill-armed')).toHaveCount(0);
  await expect(page.getByTestId('kill-after-next-call')).toBeVisible();

  await armAfterNextCall(page);
  await runFromDialog(page);
  await expect(toolbarStatus(page)).toHaveText('complete', { timeout: 90_000 });
  await expect(page.getByTestId('kill-armed')).toHaveCount(0);
  await page.getByTestId('lesson-check').click();
  await expect(page.getByTestId('lesson-verdict')).toContainText(
    '✗ Not yet: the card was charged 2 times in 2 attempts; it must be charged once',
  );
  await snap(page, 'learn-idempotency-charged-twice');
  // The lost attempt is journaled with the charge it made before the crash (what the check looks for).
  await node(page, 'charge').click();
  const attempts = page.getByTestId('attempt');
  await expect(attempts).toHaveCount(2);
  await expect(attempts.first()).toContainText('WorkflowInternalError');
  await expect(attempts.first().getByTestId('binding-call')).toHaveText([/^KV\.put payments\/[0-9a-f-]+\/[0-9a-f-]+$/]);

  const solution = readFileSync('lessons/09-idempotency/solution.py', 'utf8');
  await replaceEditorText(page, solution, '-charge"');
  await armAfterNextCall(page);
  await runFromDialog(page);
  await expect(toolbarStatus(page)).toHaveText('complete', { timeout: 90_000 });
  await page.getByTestId('lesson-check').click();
  await expect(page.getByTestId('lesson-verdict')).toContainText(
    '✓ Passed: charge ran 2 times and the card was charged once',
  );
  expect(errors).toEqual([]);
});
