/**
 * Python steps per second in the browser: the whole studio path — headless Chromium, the executor worker,
 * Pyodide with the `workers` SDK, the engine on the real clock, and the journal (write-ahead log in OPFS,
 * IndexedDB behind it) — every step's start durable before its body runs, its success written with the next
 * step's start (group commit) — for one instance of 1,000 sequential `@step.do` calls, on a profile on disk
 * (the goal) and in a private window.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { freshBrowser, openStudio, persistentBrowser, serveStudio } from './browser-harness';
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

/** A browser page on a normal profile (on disk, as a user's), or a private window's (kept in memory). */
async function browserPage(profile: 'disk' | 'private') {
  if (profile === 'private') {
    const { browser, page } = await freshBrowser();
    return { page, close: () => browser.close() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-steps-'));
  const { context, page } = await persistentBrowser(dir);
  return {
    page,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const PROFILE_NOTE = {
  disk: 'a normal browser profile on disk, as a user has',
  private:
    'a private window (Playwright’s default context): the browser keeps IndexedDB and OPFS in memory, and each OPFS write is a round trip to the browser process',
};

function stepsCase(profile: 'disk' | 'private', goal?: string): BenchCase {
  return {
    group: 'browser steps',
    name: `Python steps/s in the browser, ${N.toLocaleString('en-US')} sequential steps (${profile === 'disk' ? 'profile on disk' : 'private window'})`,
    ...(goal ? { goal } : {}),
    async run({ quick }) {
      const origin = await serveStudio();
      const { page, close } = await browserPage(profile);
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
          note: `One sample = one instance of ${N.toLocaleString('en-US')} sequential Python @step.do calls (each returns a small dict) in the studio running in headless Chromium on ${PROFILE_NOTE[profile]}: executor worker, Pyodide + workers SDK, engine on the real clock, journal ${events.toLocaleString('en-US')} events. Group commit: one append per step, holding the previous step's success and this step's start, durable before the step body runs — written to the journal's write-ahead log (an OPFS file; in the operating system's cache once written, so it survives a crash of the tab or the browser, as IndexedDB's default relaxed commits do) and copied to IndexedDB in batches right after. Time = instance-created → run-finished, from the journal's wall times (read back from IndexedDB). Higher is better.`,
        };
      } finally {
        await close();
      }
    },
  };
}

export default [stepsCase('disk', '≥ 1,000 steps/s'), stepsCase('private')] satisfies BenchCase[];
