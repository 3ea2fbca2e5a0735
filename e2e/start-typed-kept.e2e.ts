/**
 * Text typed while the studio starts is never dropped: on a first visit, what was typed into the starter before
 * the database failed stays on screen, read-only, to copy (files-controller.ts, the load-failed `draft`).
 * Dexie's open of the studio database is held (a stand-in request forwarded once released) and the starter's
 * write is refused, as a broken profile does.
 */
import { expect, test } from '@playwright/test';

test('on a first visit, text typed into the starter stays to copy when the database then fails', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { releaseDb?: () => void };
    const factory = IDBFactory.prototype;
    const open = factory.open;
    const held: (() => void)[] = [];
    let released = false;
    w.releaseDb = () => {
      released = true;
      for (const go of held.splice(0)) go();
    };
    // Only Dexie's open names a version; the page's early read (read-open-file.ts) opens without one.
    factory.open = function (this: IDBFactory, name: string, version?: number) {
      if (version === undefined || released) return open.call(this, name, version);
      const standIn = new EventTarget() as IDBOpenDBRequest & Record<string, unknown>;
      let real: IDBOpenDBRequest | undefined;
      for (const key of ['result', 'error', 'readyState', 'transaction', 'source']) {
        Object.defineProperty(standIn, key, { get: () => (real as unknown as Record<string, unknown>)?.[key] });
      }
      held.push(() => {
        real = open.call(this, name, version);
        for (const type of ['success', 'error', 'upgradeneeded', 'blocked']) {
          real.addEventListener(type, (e) => {
            const handler = standIn[`on${type}`] as ((ev: Event) => void) | null | undefined;
            handler?.call(standIn, e);
          });
        }
      });
      return standIn;
    };
    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<typeof add>) {
      if (this.name === 'files') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return add.apply(this, args);
    };
  });
  await page.goto('/');
  const light = page.getByTestId('light-editor').getByRole('textbox');
  await expect(light).toHaveValue(/WorkflowEntrypoint/);
  await light.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n# typed on a first visit');
  await page.evaluate(() => (window as unknown as { releaseDb(): void }).releaseDb());
  await expect(page.getByText('Your files could not be read from IndexedDB')).toBeVisible();
  await expect(page.getByText('What you typed was not saved: copy it from here before you reload.')).toBeVisible();
  const draft = page.getByTestId('unsaved-draft');
  await expect(draft).toHaveValue(/WorkflowEntrypoint[\s\S]*\n# typed on a first visit$/);
  await expect(draft).toHaveAttribute('readonly', '');
  await page.screenshot({ path: 'test-results/start-typed-kept.png' });
});
