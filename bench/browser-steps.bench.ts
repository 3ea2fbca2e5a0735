/**
 * Python steps per second in the browser: the whole studio path — headless Chromium, the executor worker,
 * Pyodide with the `workers` SDK, the engine on the real clock, and the Dexie (IndexedDB) journal — every step's
 * start durable before its body runs, its success written with the next step's start (group commit) — for one
 * instance of 1,000 sequential `@step.do` calls.
 */
import type { Page } from '@playwright/test';
import { freshBrowser, openStudio, serveStudio } from './browser-harness';
import { SEQUENTIAL_WORKFLOW_PY } from './sequential-workflow';
import { median } from './stats';
import type { BenchCase } from './types';

const N = 1_000;

const SOURCE = SEQUENTIAL_WORKFLOW_PY;

/** Runs one instance of `n` steps to completion; the journal's own wall times give the duration. */
async function runOnce(page: Page, id: string, n: number): Promise<{ ms: number; events: number }> {
  return page.evaluate(
    async ({ id, n }) => {
      const studio = window.__studio;
      if (!studio) throw new Error('window.__studio is missing');
      await studio.create({ fileId: 'bench-file', workflowName: 'bench', id, params: { n } });
      // No named functions in here: tsx would wrap them in a `__name` helper the page does not have.
      for (;;) {
        const events = await new Promise<{ type: string; wall: number }[]>((resolve, reject) => {
          const req = indexedDB.open('workflow-studio');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const db = req.result;
            const all = db
              .transaction('journal')
              .objectStore('journal')
              .getAll(IDBKeyRange.bound([id, Number.NEGATIVE_INFINITY], [id, Number.POSITIVE_INFINITY]));
            all.onsuccess = () => {
              db.close();
              resolve(all.result);
            };
            all.onerror = () => reject(all.error);
          };
        });
        const end = events.find((e) => e.type === 'run-finished' || e.type === 'run-errored');
        if (end) {
          if (end.type !== 'run-finished') throw new Error(`instance ${id} errored`);
          const created = events.find((e) => e.type === 'instance-created');
          return { ms: end.wall - (created?.wall ?? end.wall), events: events.length };
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    { id, n },
  );
}

export default [
  {
    group: 'browser steps',
    name: `Python steps/s in the browser, ${N.toLocaleString('en-US')} sequential steps (Dexie journal)`,
    goal: '≥ 1,000 steps/s',
    async run({ quick }) {
      const origin = await serveStudio();
      const { browser, page } = await freshBrowser();
      try {
        await openStudio(page, origin);
        const loaded = await page.evaluate(
          (source) => window.__studio?.loadSource({ fileId: 'bench-file', version: 1, name: 'bench.py', source }),
          SOURCE,
        );
        if (!loaded?.ok) throw new Error(`the bench workflow did not load: ${JSON.stringify(loaded)}`);
        await runOnce(page, 'warm-up', 200);
        const rates: number[] = [];
        let events = 0;
        for (let i = 0; i < (quick ? 2 : 7); i++) {
          const r = await runOnce(page, `bench-${i}`, N);
          rates.push(N / (r.ms / 1000));
          events = r.events;
        }
        return {
          value: median(rates),
          unit: 'steps/s',
          samples: rates,
          note: `One sample = one instance of ${N.toLocaleString('en-US')} sequential Python @step.do calls (each returns a small dict) in the studio running in headless Chromium: executor worker, Pyodide + workers SDK, engine on the real clock, IndexedDB journal (${events.toLocaleString('en-US')} events; group commit: one transaction per step, holding the previous step's success and this step's start, durable before the step body runs). Time = instance-created → run-finished, from the journal's wall times. Higher is better.`,
        };
      } finally {
        await browser.close();
      }
    },
  },
] satisfies BenchCase[];
