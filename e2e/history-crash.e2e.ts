import { expect, test } from '@playwright/test';
import {
  attemptsOf,
  executorReady,
  lanes,
  printsOf,
  readJournal,
  selectedId,
  snapHistory,
  toolbarStatus,
} from './history-helpers';
import { node, openSample, openStudio, recordErrors, runFromDialog, snap } from './studio-helpers';

const ARMED = '⚡ armed: kills the executor at the next step';

test.describe('history: crash injection and recovery', () => {
  test('a kill at the next step starts a recovery lane that replays the journaled step instead of running it again', async ({
    page,
  }) => {
    await openStudio(page);
    await openSample(page, 'Sleep and replay');
    await runFromDialog(page);
    await expect(node(page, 'wait-for-morning')).toHaveAttribute('data-status', 'sleeping', { timeout: 30_000 });
    const id = await selectedId(page);

    // Armed now; when the sleep ends, run 2 replays draft and the executor dies as send's attempt starts.
    await page.getByTestId('kill-at-next-step').click();
    await expect(page.getByText('Armed: the executor dies before the next step attempt')).toBeVisible();
    await expect(toolbarStatus(page)).toHaveText('complete', { timeout: 90_000 });
    await executorReady(page);

    await expect(lanes(page)).toHaveCount(3);
    await expect(lanes(page).nth(1)).toHaveAttribute('data-end', 'crashed');
    await expect(lanes(page).nth(2)).toHaveAttribute('data-reason', 'recover');
    await expect(lanes(page).nth(2)).toHaveAttribute('data-end', 'finished');
    // draft ran once (run 1) and was served from the journal by both later runs.
    await expect(attemptsOf(page, 'draft')).toHaveCount(1);
    await expect(page.locator('[data-testid="history-call"][data-name="draft"][data-replayed="true"]')).toHaveCount(2);
    // send's first attempt was lost with the executor; the recovery ran it again.
    await expect(attemptsOf(page, 'send')).toHaveCount(2);
    await expect(attemptsOf(page, 'send').nth(0)).toHaveAttribute('data-kind', 'attempt-lost');
    await expect(attemptsOf(page, 'send').nth(1)).toHaveAttribute('data-kind', 'attempt-succeeded');
    const journal = await readJournal(page, id);
    expect(printsOf(journal, 'drafting (this print appears once)')).toBe(1);
    await snap(page, 'history-crash-recovered');
    await snapHistory(page, 'history-crash-recovered-pane');
  });

  test('an armed kill is shown until it fires or is disarmed: disarmed, the next step runs; armed, it dies there', async ({
    page,
  }) => {
    const errors = recordErrors(page);
    await openStudio(page);
    await openSample(page, 'Waiting for approval (with timeout)');
    await runFromDialog(page);
    await expect(node(page, 'wait-for-approval')).toHaveAttribute('data-status', 'waiting', { timeout: 30_000 });
    const armed = page.getByTestId('kill-armed');
    await expect(armed).toHaveCount(0);

    // Armed while the instance waits: the status bar says so and the history's button turns into Disarm.
    await page.getByTestId('kill-at-next-step').click();
    await expect(armed).toHaveText(`${ARMED}Disarm`);
    await expect(page.getByTestId('disarm-kill')).toHaveText('⚡ Armed · Disarm');
    await expect(page.getByTestId('kill-at-next-step')).toHaveCount(0);
    await snap(page, 'crash-armed');
    // It lasts: no timer hides it (the notice about arming goes away after 5 s, this does not).
    await page.waitForTimeout(6_000);
    await expect(armed).toBeVisible();

    // Disarmed from the status bar: gone, and the step after the event runs without a crash.
    await armed.getByRole('button', { name: 'Disarm' }).click();
    await expect(armed).toHaveCount(0);
    await expect(page.getByText('Disarmed', { exact: true })).toBeVisible();
    await expect(page.getByTestId('kill-at-next-step')).toBeEnabled();
    const sendApproval = async () => {
      await page.getByTestId('action-send-event').click();
      const send = page.getByTestId('send-event-dialog');
      await send.getByTestId('event-payload').fill('{"approved": true, "by": "ana"}');
      await send.getByRole('button', { name: 'Send', exact: true }).click();
    };
    await sendApproval();
    await expect(toolbarStatus(page)).toHaveText('complete', { timeout: 30_000 });
    await expect(lanes(page)).toHaveCount(2);
    await expect(lanes(page).nth(1)).toHaveAttribute('data-end', 'finished');

    // A second instance, armed from the history button: the event's wake kills the executor at apply_decision.
    await runFromDialog(page);
    await expect(node(page, 'wait-for-approval')).toHaveAttribute('data-status', 'waiting', { timeout: 30_000 });
    await page.getByTestId('kill-at-next-step').click();
    await expect(armed).toBeVisible();
    await sendApproval();
    await expect(toolbarStatus(page)).toHaveText('complete', { timeout: 90_000 });
    await executorReady(page);
    await expect(armed).toHaveCount(0);
    await expect(page.getByTestId('kill-at-next-step')).toBeEnabled();
    await expect(lanes(page).nth(1)).toHaveAttribute('data-end', 'crashed');
    await expect(attemptsOf(page, 'apply_decision').nth(0)).toHaveAttribute('data-kind', 'attempt-lost');
    expect(errors).toEqual([]);
  });

  test('killing the executor while an instance sleeps loses nothing: the wake replays, no step runs twice', async ({
    page,
  }) => {
    await openStudio(page);
    await openSample(page, 'Sleep and replay');
    await runFromDialog(page);
    await expect(node(page, 'wait-for-morning')).toHaveAttribute('data-status', 'sleeping', { timeout: 30_000 });
    const id = await selectedId(page);

    // Every notice shown from the click on (they leave after a while): one says it (the executor's), not two.
    await page.evaluate(() => {
      const seen = new Set<string>();
      Object.assign(window, { noticesSeen: seen });
      new MutationObserver(() => {
        for (const n of document.querySelectorAll('[data-testid="notice"]')) seen.add(n.textContent ?? '');
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByTestId('kill-executor').click();
    await expect(page.getByTestId('notice').filter({ hasText: 'killed from the studio' })).toContainText(
      'The Python executor stopped (killed from the studio) and is restarting; unfinished instances resume from the journal.',
    );
    await executorReady(page);
    await page.waitForTimeout(500);
    const seen = await page.evaluate(() => [...(window as unknown as { noticesSeen: Set<string> }).noticesSeen]);
    // (The sample's "Opened …" notice may still be up.)
    expect(seen.filter((text) => !text.startsWith('Opened'))).toEqual([
      expect.stringContaining('killed from the studio'),
    ]);
    await expect(toolbarStatus(page)).toHaveText('complete', { timeout: 60_000 });

    const journal = await readJournal(page, id);
    expect(printsOf(journal, 'drafting (this print appears once)')).toBe(1);
    await expect(attemptsOf(page, 'draft')).toHaveCount(1);
    await expect(attemptsOf(page, 'send')).toHaveCount(1);
    await expect(lanes(page).last()).toHaveAttribute('data-end', 'finished');
    await snapHistory(page, 'history-kill-now-pane');
  });
});
