import { expect, test } from '@playwright/test';
import { attemptsOf, callRow, lanes, readJournal, selectedId, snapHistory, toolbarStatus } from './history-helpers';
import { node, openSample, openStudio, recordErrors, runFromDialog, snap } from './studio-helpers';

test.describe('history: lanes, waterfall and time travel', () => {
  test('the retry sample draws three attempts across three lanes; scrubbing back shows the earlier state', async ({
    page,
  }) => {
    const errors = recordErrors(page);
    await openStudio(page);
    await openSample(page, 'Retries with backoff');
    await runFromDialog(page);
    await expect(toolbarStatus(page)).toHaveText('complete', { timeout: 30_000 });

    // One lane per run: attempt 1 and 2 fail (each run is evicted during its retry delay), attempt 3 succeeds.
    await expect(lanes(page)).toHaveCount(3);
    await expect(lanes(page).nth(0)).toHaveAttribute('data-end', 'evicted');
    await expect(lanes(page).nth(2)).toHaveAttribute('data-end', 'finished');
    await expect(attemptsOf(page, 'call_flaky_api')).toHaveCount(3);
    await expect(attemptsOf(page, 'call_flaky_api').nth(0)).toHaveAttribute('data-kind', 'attempt-failed');
    await expect(attemptsOf(page, 'call_flaky_api').nth(2)).toHaveAttribute('data-kind', 'attempt-succeeded');
    await expect(callRow(page, 'call_flaky_api', 1)).toContainText('retry in 1.0 s');
    await expect(callRow(page, 'call_flaky_api', 2)).toContainText('retry in 2.0 s');
    await expect(attemptsOf(page, 'store_result')).toHaveCount(1);
    await snap(page, 'history-retry-waterfall');
    await snapHistory(page, 'history-retry-waterfall-pane');

    // Scrub to the end of run 1: the instance was waiting for the retry, the step retrying.
    const id = await selectedId(page);
    const journal = await readJournal(page, id);
    const evicted = journal.find((e) => e.type === 'run-evicted');
    if (!evicted) throw new Error('no eviction in the journal');
    const scrubber = page.getByTestId('time-scrubber');
    await scrubber.fill(String(evicted.seq));
    await expect(page.getByTestId('travel-indicator')).toHaveText(`◀ viewing seq ${evicted.seq} of ${journal.length}`);
    await expect(toolbarStatus(page)).toHaveText('waiting');
    await expect(page.getByTestId('toolbar-travel')).toHaveText(`◀ seq ${evicted.seq}/${journal.length}`);
    await expect(node(page, 'call_flaky_api')).toHaveAttribute('data-status', 'retrying');
    await expect(node(page, 'store_result')).toHaveAttribute('data-status', 'not-run');
    await expect(lanes(page)).toHaveCount(1);
    await expect(page.getByTestId('history-cursor')).toBeVisible();
    await snap(page, 'history-time-travel');
    await snapHistory(page, 'history-time-travel-pane');

    // The arrow keys step one event at a time; Home goes to the first event.
    await scrubber.focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('travel-indicator')).toHaveText(
      `◀ viewing seq ${evicted.seq + 1} of ${journal.length}`,
    );
    await expect(lanes(page)).toHaveCount(2);
    await page.keyboard.press('Home');
    await expect(page.getByTestId('travel-indicator')).toHaveText(`◀ viewing seq 1 of ${journal.length}`);
    await expect(toolbarStatus(page)).toHaveText('queued');

    // Back to live: End, or the button.
    await page.keyboard.press('End');
    await expect(page.getByTestId('travel-indicator')).toHaveText(`● live · ${journal.length} events`);
    await expect(toolbarStatus(page)).toHaveText('complete');
    await scrubber.fill('3');
    await page.getByTestId('travel-live').click();
    await expect(page.getByTestId('travel-indicator')).toContainText('live');
    await expect(node(page, 'store_result')).toHaveAttribute('data-status', 'done');
    await expect(page.getByTestId('toolbar-travel')).toHaveCount(0);

    // Restart from a step, from its row in the history: a new lane replays what came before it.
    await callRow(page, 'store_result', 3).getByRole('button', { name: 'Restart from store_result' }).click();
    const restart = page.getByTestId('restart-from-dialog');
    await expect(restart.getByRole('radio', { checked: true })).toHaveValue('do:store_result#1');
    await restart.getByRole('button', { name: 'Restart from here' }).click();
    await expect(lanes(page)).toHaveCount(4, { timeout: 30_000 });
    await expect(lanes(page).nth(3)).toHaveAttribute('data-reason', 'restart');
    await expect(lanes(page).nth(3)).toHaveAttribute('data-end', 'finished', { timeout: 30_000 });
    await expect(callRow(page, 'store_result', 4)).toHaveCount(1);
    await expect(
      page.locator('[data-testid="history-call"][data-name="call_flaky_api"][data-run="4"][data-replayed="true"]'),
    ).toHaveCount(1);
    await expect(attemptsOf(page, 'call_flaky_api')).toHaveCount(3);
    await snapHistory(page, 'history-restart-from-step-pane');
    await page.emulateMedia({ colorScheme: 'dark' });
    await snap(page, 'history-dark');
    expect(errors).toEqual([]);
  });

  test('a wait is a span to its event, and the sent event a marker between the lanes', async ({ page }) => {
    const errors = recordErrors(page);
    await openStudio(page);
    await openSample(page, 'Waiting for approval (with timeout)');
    await runFromDialog(page);
    await expect(node(page, 'wait-for-approval')).toHaveAttribute('data-status', 'waiting', { timeout: 30_000 });
    await expect(callRow(page, 'wait-for-approval', 1).getByTestId('history-wait')).toHaveCount(1);
    await expect(callRow(page, 'wait-for-approval', 1)).toContainText('timeout');

    await page.getByTestId('action-send-event').click();
    const send = page.getByTestId('send-event-dialog');
    await send.getByTestId('event-payload').fill('{"approved": true, "by": "ana"}');
    await send.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(toolbarStatus(page)).toHaveText('complete', { timeout: 30_000 });

    // Lane 1 waited; the event sits between lane 1 and lane 2, which the event woke.
    const rows = page.locator('[data-testid="history-lane"], [data-testid="history-event"]');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(1)).toHaveAttribute('data-testid', 'history-event');
    await expect(rows.nth(1)).toContainText('event “approval”→ wait-for-approval');
    await expect(lanes(page).nth(1)).toHaveAttribute('data-reason', 'event');
    await expect(callRow(page, 'wait-for-approval', 1)).toContainText('“approval” ✓');
    await page.getByTestId('history-event').getByRole('button').click();
    await expect(page.getByRole('region', { name: 'Inspector' })).toContainText('"ana"');
    await snapHistory(page, 'history-event-wait-pane');
    expect(errors).toEqual([]);
  });
});
