/** Helpers for the history e2e tests: read the journal the executor wrote to IndexedDB, and the waterfall. */
import { mkdirSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { ARTIFACTS } from './studio-helpers';

/** A journal event as stored (the fields these tests read). */
export interface StoredEvent {
  seq: number;
  type: string;
  name?: string;
  logs?: string[];
  run?: number;
}

/** Instance `id`'s journal, read straight from IndexedDB in the page. */
export function readJournal(page: Page, id: string): Promise<StoredEvent[]> {
  return page.evaluate(
    (id) =>
      new Promise<StoredEvent[]>((resolve, reject) => {
        const open = indexedDB.open('workflow-studio');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('journal').objectStore('journal').index('instanceId').getAll(id);
          req.onsuccess = () => {
            db.close();
            resolve((req.result as StoredEvent[]).sort((a, b) => a.seq - b.seq));
          };
          req.onerror = () => reject(req.error);
        };
      }),
    id,
  );
}

/** How many captured prints of the journal contain `text` (each attempt journals its own prints once). */
export const printsOf = (events: StoredEvent[], text: string) =>
  events.flatMap((e) => e.logs ?? []).filter((line) => line.includes(text)).length;

/** The selected instance's id, as the toolbar shows it. */
export async function selectedId(page: Page): Promise<string> {
  const id = await page.getByTestId('toolbar-instance').locator('.toolbar__instance-id').textContent();
  if (!id) throw new Error('no instance selected');
  return id;
}

/** The status pill of the toolbar. */
export const toolbarStatus = (page: Page) => page.getByTestId('toolbar-instance').locator('.status-pill');

/** The history's lanes (run headers). */
export const lanes = (page: Page) => page.getByTestId('history-lane');

/** The executed (not replayed) row of call `name` in run `run`. */
export const callRow = (page: Page, name: string, run: number) =>
  page.locator(`[data-testid="history-call"][data-name="${name}"][data-run="${run}"][data-replayed="false"]`);

/** Every attempt bar of step `name`, over all lanes. */
export const attemptsOf = (page: Page, name: string) =>
  page.locator(
    `[data-testid="history-call"][data-name="${name}"][data-replayed="false"] [data-testid="history-attempt"]`,
  );

/** Waits until the executor is ready again (after a kill it restarts). */
export async function executorReady(page: Page, timeout = 90_000): Promise<void> {
  await expect(page.getByTestId('executor-status')).toHaveAttribute('data-status', 'ready', { timeout });
}

/** Saves a screenshot of the history pane alone (the waterfall's detail) under e2e-artifacts/. */
export async function snapHistory(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.getByRole('region', { name: 'History' }).screenshot({ path: `${ARTIFACTS}/${name}.png` });
}
