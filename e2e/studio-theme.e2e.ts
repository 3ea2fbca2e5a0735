import { expect, test } from '@playwright/test';
import { toolbarStatus } from './history-helpers';
import { node, openSample, openStudio, recordErrors, runFromDialog } from './studio-helpers';

/** --st-done-bg / --st-done of src/ui/styles/base.css, light and dark. */
const DONE = {
  light: { bg: 'rgb(233, 247, 238)', border: 'rgb(26, 127, 55)' },
  dark: { bg: 'rgb(18, 38, 26)', border: 'rgb(63, 185, 80)' },
};

test.describe('theme', () => {
  test('switching the OS scheme mid-page gives finished graph nodes the new colours at once, not a fade from the old ones', async ({
    page,
  }) => {
    const errors = recordErrors(page);
    await openStudio(page);
    await openSample(page, 'Hello world');
    await runFromDialog(page);
    await expect(toolbarStatus(page)).toHaveText('complete', { timeout: 30_000 });
    const done = page.locator('[data-testid="plan-node"][data-status="done"]');
    await expect(done.first()).toBeVisible();
    const count = await done.count();
    // Freeze the page's animation clock: a transition that starts would stay at its first frame, so a colour
    // fade on the switch shows as the old colours instead of passing unseen in 0.2 s.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Animation.enable');
    await cdp.send('Animation.setPlaybackRate', { playbackRate: 0 });

    for (const scheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect(page.locator('.react-flow')).toHaveClass(new RegExp(`\\b${scheme}\\b`));
      for (let i = 0; i < count; i++) {
        await expect(done.nth(i)).toHaveCSS('background-color', DONE[scheme].bg);
        await expect(done.nth(i)).toHaveCSS('border-top-color', DONE[scheme].border);
        await expect(done.nth(i)).toHaveCSS('opacity', '1');
      }
      const fading = await done
        .first()
        .evaluate(
          () =>
            document
              .getAnimations()
              .filter((a) => (a.effect as KeyframeEffect | null)?.target?.closest?.('[data-testid="plan-node"]'))
              .length,
        );
      expect(fading).toBe(0);
    }
    await expect(node(page, 'greet')).toHaveAttribute('data-status', 'done');
    expect(errors).toEqual([]);
  });
});
