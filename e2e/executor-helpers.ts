/**
 * Helpers for the executor e2e tests: drive the studio through `window.__studio` (the tab's StudioClient,
 * the same object the UI uses) and read what the executor journaled straight from IndexedDB, as the UI does.
 */
import { expect, type Page, type Worker } from '@playwright/test';
import type { InstanceSummary, JournalEvent } from '../src/engine';
import type { ExecutorState, StudioNotice } from '../src/supervisor';

export const READY_TIMEOUT = 60_000;

/**
 * Waits until this tab's executor state is ready (leader or follower) and returns it: Python ready, not the
 * UI, which renders before (and the status bar shows 'starting' meanwhile).
 */
export async function waitReady(page: Page, timeout = READY_TIMEOUT): Promise<ExecutorState> {
  await page.waitForFunction(() => window.__studio?.getState().status === 'ready', undefined, { timeout });
  return page.evaluate(() => window.__studio?.getState() as ExecutorState);
}

/** Loads `source` as file `fileId` (version 1 unless given) and creates one instance of `workflowName`. */
export async function run(
  page: Page,
  opts: { source: string; workflowName: string; id: string; params?: unknown; fileId?: string; version?: number },
): Promise<void> {
  await page.evaluate(async (o) => {
    const studio = window.__studio;
    if (!studio) throw new Error('window.__studio is missing');
    const file = { fileId: o.fileId ?? 'e2e-file', version: o.version ?? 1, name: 'e2e.py', source: o.source };
    const loaded = await studio.loadSource(file);
    if (!loaded.ok) throw new Error(`${loaded.error.name}: ${loaded.error.message}`);
    await studio.create({ fileId: file.fileId, workflowName: o.workflowName, id: o.id, params: o.params });
  }, opts);
}

/** Reads an instance summary and its journal from the studio's IndexedDB (raw API, no Dexie in the page). */
export async function readInstance(
  page: Page,
  id: string,
): Promise<{ summary: InstanceSummary | undefined; journal: JournalEvent[] }> {
  return page.evaluate(async (instanceId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('workflow-studio');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      const tx = db.transaction(['instances', 'journal'], 'readonly');
      const get = <T>(r: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
      const summary = await get(tx.objectStore('instances').get(instanceId));
      const range = IDBKeyRange.bound([instanceId, -Infinity], [instanceId, Infinity]);
      const journal = await get(tx.objectStore('journal').getAll(range));
      return { summary, journal };
    } finally {
      db.close();
    }
  }, id);
}

/** Polls IndexedDB until the instance has `status`. */
export async function waitForStatus(page: Page, id: string, status: string, timeout = 30_000): Promise<void> {
  await expect
    .poll(async () => (await readInstance(page, id)).summary?.status, { timeout, message: `status of ${id}` })
    .toBe(status);
}

/** Every captured `print()` of the instance's successful attempts, in journal order. */
export function succeededPrints(journal: JournalEvent[]): string[] {
  return journal.flatMap((e) => (e.type === 'step-succeeded' ? e.logs.map((l) => l.trim()) : []));
}

/** Collects the studio's notices in the page, readable with `notices(page)`. */
export async function collectNotices(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __notices?: StudioNotice[] };
    w.__notices = [];
    window.__studio?.onNotice((n) => w.__notices?.push(n));
  });
}

export function notices(page: Page): Promise<StudioNotice[]> {
  return page.evaluate(() => (window as unknown as { __notices?: StudioNotice[] }).__notices ?? []);
}

/** Fails the test on uncaught page errors; console errors are returned for the test to judge. */
export function recordErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

/**
 * What a test workflow's step bodies log to be counted from outside the executor, however often it is killed:
 * `js.console.log(f"${PROBE_CHANNEL}: step-{i}")` (workflow code gets no channel of its own: see
 * docs/reliability.md, S2). Playwright hears the executor worker's console.
 */
export const PROBE_CHANNEL = 'e2e-probe';

/**
 * Collects every {@link PROBE_CHANNEL} line logged by a worker of any page of `page`'s context, now and later
 * (studio tabs opened, reloaded or closed after this call included). Returns a reader of the messages so far
 * (the text after the prefix), in arrival order.
 */
export async function openProbe(page: Page): Promise<() => Promise<string[]>> {
  const seen: string[] = [];
  const prefix = `${PROBE_CHANNEL}: `;
  const watchWorker = (worker: Worker) =>
    worker.on('console', (message) => {
      const text = message.text();
      if (text.startsWith(prefix)) seen.push(text.slice(prefix.length));
    });
  const watchPage = (p: Page) => {
    for (const worker of p.workers()) watchWorker(worker);
    p.on('worker', watchWorker);
  };
  for (const p of page.context().pages()) watchPage(p);
  page.context().on('page', watchPage);
  return async () => [...seen];
}
