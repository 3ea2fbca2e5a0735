/**
 * The graph never leaves a node cut off: in a pane too narrow for the plan at a readable zoom (the starter at
 * 1280×720) a scrollbar shows there is more and the wheel scrolls to the last node; when the pane grows, the
 * graph refits so every node is whole on screen. Light and dark, small and large.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { node, openStudio, recordErrors, snap } from './studio-helpers';

/** The starter's steps, in order. */
const STEPS = ['fetch_order', 'charge_card', 'cool-off', 'send_receipt'];

/** Whether `inner`'s box lies wholly inside `outer`'s. */
async function inside(inner: Locator, outer: Locator): Promise<boolean> {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()];
  if (!a || !b) return false;
  return a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
}

const whole = async (page: Page) => {
  const pane = page.locator('div.graph');
  return Promise.all(STEPS.map((s) => inside(node(page, s), pane)));
};

test('a plan too wide for the pane scrolls to its last node; a larger pane refits it whole', async ({ page }) => {
  const errors = recordErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openStudio(page);
  const pane = page.locator('div.graph');
  const scrollX = page.getByTestId('graph-scroll-x');

  // At a readable zoom the four nodes do not fit: the start shows, and a scrollbar says there is more.
  await expect(node(page, 'send_receipt')).toBeAttached();
  await expect(scrollX).toBeVisible();
  await expect(page.getByTestId('graph-scroll-y')).toHaveCount(0);
  expect(await whole(page)).toEqual([true, true, false, false]);
  await snap(page, 'graph-fit-1280-start');

  // The wheel scrolls sideways to the end: the last node is whole, inside the pane.
  const box = await pane.boundingBox();
  await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
  await page.mouse.wheel(0, 2_000);
  await expect.poll(() => inside(node(page, 'send_receipt'), pane)).toBe(true);
  const thumb = page.getByTestId('graph-scroll-x-thumb');
  await expect(thumb).toHaveAttribute('aria-valuenow', '100');
  await snap(page, 'graph-fit-1280-end');

  // The scrollbar moves the plan too: Home from the keyboard, then dragging its thumb to the right.
  await thumb.focus();
  await page.keyboard.press('Home');
  await expect(thumb).toHaveAttribute('aria-valuenow', '0');
  await expect.poll(() => inside(node(page, 'fetch_order'), pane)).toBe(true);
  expect(await inside(node(page, 'send_receipt'), pane)).toBe(false);
  const grip = await thumb.boundingBox();
  await page.mouse.move(grip!.x + grip!.width / 2, grip!.y + grip!.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip!.x + grip!.width / 2 + box!.width, grip!.y + grip!.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => inside(node(page, 'send_receipt'), pane)).toBe(true);

  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'graph-fit-1280-dark');

  // A larger window widens the pane: the graph refits, every node whole, no scrollbar.
  await page.setViewportSize({ width: 2560, height: 1440 });
  await expect.poll(() => whole(page)).toEqual([true, true, true, true]);
  await expect(scrollX).toHaveCount(0);
  await snap(page, 'graph-fit-2560-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await snap(page, 'graph-fit-2560-light');
  expect(errors).toEqual([]);
});
