/**
 * Start-up in headless Chromium: page load → "Python ready" for the studio on a first visit (plain Pyodide
 * load, which also makes the memory snapshot) and on a later visit (warm: the snapshot restored from its file
 * in the origin-private file system), each against a bare page that only runs `loadPyodide()` in a worker,
 * measured side by side in the same rounds. All three are "ms from navigation start to Python usable" on the
 * page's own clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freshBrowser,
  openBare,
  openStudio,
  persistentBrowser,
  type StudioReady,
  serveStudio,
  waitForSnapshot,
} from './browser-harness';
import { median } from './stats';
import type { BenchCase, BenchResult } from './types';

interface Round {
  bare: number;
  bareLoadMs: number;
  first: StudioReady;
  warm: StudioReady;
}

let measured: Promise<Round[]> | undefined;

async function round(origin: string): Promise<Round> {
  const b = await freshBrowser();
  const bare = await openBare(b.page, origin);
  await b.browser.close();

  const profile = mkdtempSync(join(tmpdir(), 'studio-bench-'));
  try {
    const firstVisit = await persistentBrowser(profile);
    const first = await openStudio(firstVisit.page, origin);
    await waitForSnapshot(firstVisit.page);
    await firstVisit.context.close();

    const secondVisit = await persistentBrowser(profile);
    const warm = await openStudio(secondVisit.page, origin);
    await secondVisit.context.close();
    if (first.warm || !warm.warm) throw new Error(`expected cold then warm, got ${first.warm} then ${warm.warm}`);
    return { bare: bare.readyAt, bareLoadMs: bare.loadMs, first, warm };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

function measure(quick: boolean): Promise<Round[]> {
  measured ??= (async () => {
    const origin = await serveStudio();
    await round(origin); // warm-up: OS file cache, V8 code caches of the build
    const rounds: Round[] = [];
    for (let i = 0; i < (quick ? 1 : 5); i++) rounds.push(await round(origin));
    return rounds;
  })();
  return measured;
}

const ms = (samples: number[], note: string): BenchResult => ({ value: median(samples), unit: 'ms', samples, note });
const ratio = (samples: number[], note: string): BenchResult => ({ value: median(samples), unit: '×', samples, note });
const round0 = (n: number) => Math.round(n);

/** "phase 12 ms, …": the median of each worker boot phase over the rounds. */
function phases(all: StudioReady[]): string {
  const names = [...new Set(all.flatMap((r) => Object.keys(r.phases)))];
  return names.map((n) => `${n} ${round0(median(all.map((r) => r.phases[n] ?? 0)))} ms`).join(', ');
}

export default [
  {
    group: 'browser start',
    name: 'bare loadPyodide page: load → Python ready',
    async run({ quick }) {
      const rounds = await measure(quick);
      return ms(
        rounds.map((r) => r.bare),
        `Fresh browser, empty cache: a page whose module worker only calls loadPyodide() from our /pyodide/<version>/ files (the baseline). Inside the worker loadPyodide() took ${round0(median(rounds.map((r) => r.bareLoadMs)))} ms (median).`,
      );
    },
  },
  {
    group: 'browser start',
    name: 'studio first visit: load → Python ready',
    async run({ quick }) {
      const rounds = await measure(quick);
      return ms(
        rounds.map((r) => r.first.readyAt),
        `New profile: the studio page, whose UI (React, Monaco) loads and renders while the executor worker boots (plain Pyodide load, SDK install, memory snapshot made and stored after ready, IndexedDB opened alongside); 'ready' is Python's, not the UI's. Medians: executor supervisor created (leader elected) at ${round0(median(rounds.map((r) => r.first.spawnAt)))} ms, its worker spawned at page start before that; worker boot ${round0(median(rounds.map((r) => r.first.bootMs)))} ms (${phases(rounds.map((r) => r.first))}).`,
      );
    },
  },
  {
    group: 'browser start',
    name: 'studio warm start: load → Python ready',
    async run({ quick }) {
      const rounds = await measure(quick);
      return ms(
        rounds.map((r) => r.warm.readyAt),
        `The same profile relaunched (HTTP cache, IndexedDB and OPFS kept; hashed assets and the versioned Pyodide files served immutable, so nothing is revalidated): Python restored from the snapshot file in OPFS, IndexedDB opened alongside (database = its open, not on the way to ready); the UI renders after it. Medians: executor supervisor created (leader elected) at ${round0(median(rounds.map((r) => r.warm.spawnAt)))} ms, its worker spawned at page start before that; worker boot ${round0(median(rounds.map((r) => r.warm.bootMs)))} ms (${phases(rounds.map((r) => r.warm))}).`,
      );
    },
  },
  {
    group: 'browser start',
    name: 'first visit ÷ bare loadPyodide',
    goal: '≤ 1.15×',
    async run({ quick }) {
      const rounds = await measure(quick);
      return ratio(
        rounds.map((r) => r.first.readyAt / r.bare),
        'Per round: studio first visit (load → ready) ÷ bare loadPyodide page (load → ready), taken back to back; the median of the per-round ratios.',
      );
    },
  },
  {
    group: 'browser start',
    name: 'warm start ÷ bare loadPyodide',
    goal: '≤ 0.2×',
    async run({ quick }) {
      const rounds = await measure(quick);
      return ratio(
        rounds.map((r) => r.warm.readyAt / r.bare),
        'Per round: studio warm start (load → ready, snapshot restored) ÷ bare loadPyodide page on a first visit (fresh browser, empty cache); the median of the per-round ratios. Both sides share the machine, but load stretches the bare page far more than the warm start, so the ratio falls as load rises: read it with the load average of the run.',
      );
    },
  },
] satisfies BenchCase[];
