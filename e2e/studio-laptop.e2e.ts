/**
 * The studio on a laptop screen (1280×720, 1366×768): the page never scrolls sideways, every toolbar action is
 * on the bar or in its overflow menu (which the keyboard opens and closes), every text in a graph node stays ≥ 11 px at the
 * default zoom, and notices go by themselves, at most 3 at once.
 */
import { expect, type Page, test } from '@playwright/test';
import { openStudio, recordErrors, runFromDialog, snap } from './studio-helpers';

/** Every toolbar action, by test id; the instance actions may sit in the More menu. */
const ACTIONS = [
  'open-samples',
  'open-learn',
  'action-run',
  'action-send-event',
  'action-pause',
  'action-resume',
  'action-skip-wait',
  'action-terminate',
  'action-restart',
  'action-restart-from',
  'action-delete',
];

/** The graph viewport's zoom (React Flow's transform scale). */
const graphZoom = (page: Page) =>
  page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);

/** Whether the element lies wholly inside the window. */
const onScreen = (page: Page, testId: string, width: number) =>
  page.getByTestId(testId).evaluate((el, w) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.left >= 0 && r.right <= w && r.top >= 0 && r.bottom <= window.innerHeight;
  }, width);

for (const size of [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
]) {
  test(`at ${size.width}×${size.height} nothing is cut off and every toolbar action is reachable`, async ({ page }) => {
    const errors = recordErrors(page);
    await page.setViewportSize(size);
    await openStudio(page);
    await runFromDialog(page);
    await expect(page.getByTestId('toolbar-instance')).toContainText('waiting', { timeout: 30_000 });

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
    await expect(page.getByRole('button', { name: 'Help' })).toBeVisible();
    expect(await onScreen(page, 'action-run', size.width)).toBe(true);

    // Each action is on the bar, on screen; the others are in the More menu, opened from the keyboard.
    const onBar: string[] = [];
    for (const id of ACTIONS) {
      if ((await page.getByTestId(id).count()) > 0 && (await onScreen(page, id, size.width))) onBar.push(id);
    }
    const rest = ACTIONS.filter((id) => !onBar.includes(id));
    // The lifecycle actions never go under More at a laptop's width; only the rarer ones may.
    for (const id of [
      'action-run',
      'action-send-event',
      'action-pause',
      'action-resume',
      'action-terminate',
      'action-restart',
    ]) {
      expect(onBar, `${id} on the bar`).toContain(id);
    }
    if (rest.length > 0) {
      const more = page.getByTestId('toolbar-more');
      expect(await onScreen(page, 'toolbar-more', size.width)).toBe(true);
      await more.focus();
      await page.keyboard.press('ArrowDown');
      const menu = page.getByTestId('toolbar-more-menu');
      await expect(menu).toBeVisible();
      for (const id of rest) {
        await expect(menu.getByTestId(id)).toBeVisible();
        expect(await onScreen(page, id, size.width)).toBe(true);
      }
      await expect(menu.getByRole('menuitem').first()).toBeFocused();
      await snap(page, `laptop-${size.width}-menu`);
      await page.keyboard.press('Escape');
      await expect(menu).toHaveCount(0);
      await expect(more).toBeFocused();
    }
    expect(rest.length + onBar.length).toBe(ACTIONS.length);

    // Every text of the starter's nodes at the default fit (name, kind, line, chips, overlay): CSS px × zoom.
    const zoom = await graphZoom(page);
    const sizes = await page
      .locator(
        '.plan-node :is(.plan-node__name, .plan-node__head, .plan-node__head *, .plan-node__overlay, .plan-node__overlay *)',
      )
      .evaluateAll((els) =>
        els.filter((el) => el.textContent?.trim()).map((el) => Number.parseFloat(getComputedStyle(el).fontSize)),
      );
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes) * zoom).toBeGreaterThanOrEqual(11);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
    await snap(page, `laptop-${size.width}`);
    expect(errors).toEqual([]);
  });
}

test('notices go by themselves (not while hovered), at most 3 at once', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openStudio(page);
  const load = page.getByTestId('action-load-code');
  for (let i = 0; i < 4; i++) {
    await load.click();
    await expect(page.getByTestId('notice')).toHaveCount(Math.min(i + 1, 3));
  }
  // The one under the pointer is being read: it stays while the others go; it goes once the pointer leaves.
  const read = page.getByTestId('notice').last();
  const title = await read.locator('.notice__title').textContent();
  await read.hover();
  await page.waitForTimeout(6_000);
  await expect(page.getByTestId('notice')).toHaveCount(1);
  await expect(page.getByTestId('notice').locator('.notice__title')).toHaveText(title ?? '');
  await page.mouse.move(1, 1);
  await expect(page.getByTestId('notice')).toHaveCount(0, { timeout: 8_000 });
});
