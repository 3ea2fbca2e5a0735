import { expect, type Page, test } from '@playwright/test';
import type { JournalEvent } from '../src/engine';
import { generateJournal } from '../src/ui/bench/generate-journal';
import { lanes, snapHistory } from './history-helpers';
import { openStudio, recordErrors } from './studio-helpers';

/** 600 steps, a sleep every 5 and a retry every 25th: 145 runs, 2 523 events (virtual clock). */
const journal = () => generateJournal({ steps: 600, batch: 5, id: 'zoom-145-runs', defer: (cb) => setImmediate(cb) });

/** Imports the journal through the executor and selects its instance. */
async function openHistoryOf(page: Page, events: JournalEvent[]): Promise<void> {
  const id = await page.evaluate(
    async (events) => (await window.__studio!.importJournal({ events: events as JournalEvent[] })).id,
    events as unknown[],
  );
  await page.locator('[data-testid="instance-row"]', { hasText: id }).click();
  await expect(page.getByTestId('travel-indicator')).toHaveText(`● live · ${events.length} events`);
  await expect(lanes(page).first()).toBeVisible();
}

/** Left edge (px, page) of run `run`'s lane bar, or null when its row is not rendered. */
const laneBarX = async (page: Page, run: number) =>
  (await page.locator(`[data-testid="history-lane"][data-run="${run}"] .track__lane`).boundingBox())?.x ?? null;

/** The rows' scroll container: how far it scrolls sideways, and its box. */
const list = (page: Page) =>
  page.getByTestId('history-list').evaluate((el) => ({
    scrollLeft: el.scrollLeft,
    overflow: el.scrollWidth - el.clientWidth,
    rows: el.querySelectorAll('.hrow').length,
  }));

test.describe('history: zoom of the time axis', () => {
  test('145 runs: fits all by default; +/− keys, buttons and Ctrl+wheel zoom around what is looked at; time travel stays in view', async ({
    page,
  }) => {
    const errors = recordErrors(page);
    const events = await journal();
    await openStudio(page);
    await openHistoryOf(page, events);
    const level = page.getByTestId('history-zoom-level');

    // Fits all: nothing to scroll sideways, runs a few px apart.
    await expect(level).toHaveText('fit');
    await expect(page.getByTestId('history-zoom-out')).toBeDisabled();
    expect((await list(page)).overflow).toBe(0);
    const fitGap = (await laneBarX(page, 2))! - (await laneBarX(page, 1))!;
    expect(fitGap).toBeGreaterThan(0);
    expect(fitGap).toBeLessThan(8);
    await snapHistory(page, 'history-zoom-fit');

    // Scrolled down, the sideways offset is read before the rows are re-rendered for that scroll (a read after
    // would force a layout of the new rows on every scrolled frame).
    const reads = await page.getByTestId('history-list').evaluate(
      (el) =>
        new Promise<string[]>((resolve) => {
          const own = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollLeft')!;
          const firstRow = () => el.querySelector('.hrow')?.getAttribute('style');
          const before = firstRow();
          const seen: string[] = [];
          Object.defineProperty(el, 'scrollLeft', {
            configurable: true,
            get: () => {
              seen.push(firstRow() === before ? 'before' : 'after');
              return own.get!.call(el);
            },
            set: (v: number) => own.set!.call(el, v),
          });
          el.scrollTop += 2_000;
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              delete (el as { scrollLeft?: number }).scrollLeft;
              el.scrollTop = 0;
              resolve(seen);
            }),
          );
        }),
    );
    expect(reads).toEqual(['before']);

    // Ctrl + wheel over a run's bar zooms in one step and keeps that bar under the pointer.
    const box = await page.getByTestId('history-list').boundingBox();
    if (!box) throw new Error('no history list');
    const target = await page.getByTestId('history-lane').evaluateAll((rows, b) => {
      for (const row of rows) {
        const bar = row.querySelector('.track__lane')!.getBoundingClientRect();
        const r = row.getBoundingClientRect();
        const labelRight = row.querySelector('.hrow__label')!.getBoundingClientRect().right;
        const inTrack = bar.x > labelRight + 2 && bar.x < b.x + b.width - 20;
        if (inTrack && r.y > b.y && r.bottom < b.y + b.height)
          return { run: Number(row.getAttribute('data-run')), x: bar.x, y: r.y + r.height / 2 };
      }
      return null;
    }, box);
    if (!target) throw new Error('no lane bar in view');
    await page.mouse.move(target.x + 1, target.y);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    await expect(level).toHaveText('1.5×');
    await expect.poll(async () => Math.abs((await laneBarX(page, target.run))! - target.x)).toBeLessThan(3);

    // Keys with focus in the history: + twice more = 1.5³.
    await page.getByTestId('history-list').focus();
    for (let i = 0; i < 2; i++) await page.keyboard.press('+');
    await expect(level).toHaveText('3.4×');
    await expect(page.getByTestId('history-waterfall')).toHaveAttribute('data-zoom', String(1.5 ** 3));
    const zoomedGap = (await laneBarX(page, 2))! - (await laneBarX(page, 1))!;
    expect(zoomedGap / fitGap).toBeGreaterThan(2.5);
    expect((await list(page)).overflow).toBeGreaterThan(0);
    await page.keyboard.press('-');
    await expect(level).toHaveText('2.3×');

    // Far in, then the rows are still virtualized and labels stay in their column while the track scrolls.
    for (let i = 0; i < 8; i++) await page.getByTestId('history-zoom-in').click();
    await expect(level).toHaveText('58×'); // 2.25 × 1.5⁸
    const zoomed = await list(page);
    expect(zoomed.rows).toBeLessThan(120);
    expect(zoomed.overflow).toBeGreaterThan(10_000); // px of track beyond the view
    await page.getByTestId('history-list').evaluate((el) => {
      el.scrollLeft = el.scrollWidth / 2;
    });
    await expect(lanes(page).first().locator('.hrow__label')).toBeInViewport();
    expect((await lanes(page).first().locator('.hrow__label').boundingBox())!.x).toBeCloseTo(box.x, 0);

    // Time travel to the first event: the cursor is scrolled back into the visible track.
    const scrubber = page.getByTestId('time-scrubber');
    await scrubber.focus();
    await page.keyboard.press('Home');
    await expect(page.getByTestId('travel-indicator')).toHaveText(`◀ viewing seq 1 of ${events.length}`);
    const cursorIn = async () => {
      const c = await page.getByTestId('history-cursor').boundingBox();
      const b = (await page.getByTestId('history-list').boundingBox())!;
      return c !== null && c.x >= b.x && c.x <= b.x + b.width;
    };
    await expect.poll(cursorIn).toBe(true);
    expect((await list(page)).scrollLeft).toBe(0);
    // …and to the middle of the journal: the view follows.
    await scrubber.fill(String(Math.round(events.length / 2)));
    await expect.poll(cursorIn).toBe(true);
    expect((await list(page)).scrollLeft).toBeGreaterThan(0);
    await snapHistory(page, 'history-zoom-58x-travel');

    // 0 (with focus on the scrubber, still in the history) fits all again.
    await page.keyboard.press('0');
    await expect(level).toHaveText('fit');
    await expect(page.getByTestId('history-zoom-fit')).toHaveCount(0);
    expect((await list(page)).overflow).toBe(0);
    await expect.poll(cursorIn).toBe(true);

    // The fit button, and the buttons' way back.
    await page.getByTestId('history-zoom-in').click();
    await expect(level).toHaveText('1.5×');
    await page.getByTestId('history-zoom-fit').click();
    await expect(level).toHaveText('fit');
    expect(errors).toEqual([]);
  });
});
