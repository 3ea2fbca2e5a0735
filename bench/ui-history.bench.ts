/**
 * The history pane over a long journal, in headless Chromium against the production build: a journal of
 * ~10 000 events (3 100 steps, retries, 21 sleeps — 140 runs, each replaying every earlier step) recorded by
 * the engine in Node, imported through the real executor (`StudioClient.importJournal`), then shown in the
 * studio's real history. Measured on the page's clock:
 * - scrolling the virtualized waterfall top to bottom (240 px a frame): every frame's duration (rAF to rAF);
 * - time travel: stepping the scrubber back one event at a time (ArrowLeft with focus), each step's frame.
 * Goal: no frame longer than 50 ms (scrolling: the longest frame of a pass, p50 and p90 over passes).
 * Scrolling also traces one more pass for the main thread's CPU per frame (frame-cpu.ts), which load does not inflate,
 * and traces the measured passes for garbage collections only (cheap: events only while one runs), to tell a
 * pass's longest frame that held a full collection's pause from one that waited for a core.
 */
import type { Page } from '@playwright/test';
import { type JournalEvent, reduceJournal } from '../src/engine';
import { generateJournal } from '../src/ui/bench/generate-journal';
import { freshBrowser, openStudio, serveStudio, waitForUi } from './browser-harness';
import { FRAME_MARK, withFrameCpu, withMajorGc } from './frame-cpu';
import { median, percentile } from './stats';
import type { BenchCase } from './types';

const TARGET_EVENTS = 10_000;
const SCROLL_PX_PER_FRAME = 240;

/** A journal of at least 10 000 events. */
export async function journal(): Promise<JournalEvent[]> {
  for (let steps = 3_100; ; steps += 100) {
    const events = await generateJournal({ steps, defer: (cb) => setImmediate(cb) });
    if (events.length >= TARGET_EVENTS) return events;
  }
}

/** Opens the studio with the journal imported and its history on screen. */
export async function historyOf(events: JournalEvent[]) {
  const origin = await serveStudio();
  const opened = await freshBrowser();
  const { page, context } = opened;
  // tsx names the functions in the page.evaluate callbacks below with a `__name` helper the page lacks.
  await context.addInitScript('window.__name = (f) => f');
  await openStudio(page, origin);
  await waitForUi(page, () => document.querySelector('.app') !== null);
  const id = await page.evaluate(async (events) => {
    const studio = window.__studio;
    if (!studio) throw new Error('no window.__studio');
    return (await studio.importJournal({ events: events as JournalEvent[] })).id;
  }, events as unknown[]);
  await page.locator(`[data-testid="instance-row"]`, { hasText: id }).click();
  await page
    .getByTestId('travel-indicator')
    .filter({ hasText: `live · ${events.length} events` })
    .waitFor();
  await page.getByTestId('history-lane').first().waitFor();
  return opened;
}

/** Scrolls the waterfall from top to bottom, a fixed distance per frame; every frame's duration (ms). */
export function scrollPass(page: Page): Promise<number[]> {
  return page.evaluate(
    ({ step, mark }) =>
      new Promise<number[]>((resolve) => {
        const el = document.querySelector<HTMLElement>('[data-testid="history-list"]');
        if (!el) throw new Error('no history list');
        el.scrollTop = 0;
        const frames: number[] = [];
        let last = performance.now();
        const tick = (now: number) => {
          frames.push(now - last);
          last = now;
          performance.mark(mark, { startTime: now }); // at the frame's start (rAF time), not when this callback ran
          if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return resolve(frames.slice(1));
          el.scrollTop += step;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame((now) => {
          last = now;
          requestAnimationFrame(tick);
        });
      }),
    { step: SCROLL_PX_PER_FRAME, mark: FRAME_MARK },
  );
}

/** Presses ArrowLeft on the focused scrubber `count` times, one press a frame; each press's frame (ms). */
export async function scrubPass(page: Page, count: number): Promise<number[]> {
  await page.getByTestId('time-scrubber').focus();
  await page.keyboard.press('End');
  return page.evaluate(
    (count) =>
      new Promise<number[]>((resolve) => {
        const input = document.querySelector<HTMLInputElement>('[data-testid="time-scrubber"]');
        if (!input) throw new Error('no scrubber');
        const frames: number[] = [];
        let last = performance.now();
        let left = count;
        const tick = (now: number) => {
          frames.push(now - last);
          last = now;
          if (left-- === 0) return resolve(frames.slice(1));
          input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
          // A synthetic key event does not move a range input: step it as the browser would.
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
          setter?.call(input, String(Number(input.value) - 1));
          input.dispatchEvent(new Event('input', { bubbles: true }));
          requestAnimationFrame(tick);
        };
        requestAnimationFrame((now) => {
          last = now;
          requestAnimationFrame(tick);
        });
      }),
    count,
  );
}

const over = (xs: number[], ms: number) => xs.filter((x) => x > ms).length;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? Number.NaN;
const fmt = (n: number) => n.toFixed(1);

let cached: Promise<JournalEvent[]> | undefined;
const events = () => {
  cached ??= journal();
  return cached;
};

const cases: BenchCase[] = [
  {
    name: 'history of a 10 000-event journal: longest frame of a pass scrolling the waterfall (Chromium)',
    group: 'ui',
    goal: '≤ 50 ms',
    async run({ quick }) {
      const journalEvents = await events();
      const view = reduceJournal(journalEvents);
      const { browser, page } = await historyOf(journalEvents);
      try {
        await scrollPass(page); // warm-up: JIT, first paint of every row shape
        // One sample = one pass's longest frame: a single slow frame (a GC, a load spike on the machine) shows
        // as one high sample among the passes instead of being the whole figure.
        const passes: number[][] = [];
        const gcs: number[][] = []; // main-thread pause of full collections per frame, aligned with the pass' frames
        for (let i = 0; i < (quick ? 2 : 9); i++) {
          const { result, gc } = await withMajorGc(browser, page, () => scrollPass(page));
          passes.push(result);
          gcs.push(gc);
        }
        const longest = passes.map((frames) => Math.max(...frames));
        const frames = passes.flat();
        // Each full collection's pause (main-thread time) and the frame it stretched. A frame is measured from one
        // rAF time to the next, and a rAF time is when its frame began, not when the blocked thread ran it: the
        // frame in which a collection starts can still read 16.7 ms, the one after it takes the wait. So: the
        // longest of the frame it starts in and the two after.
        const stretched = (f: number[], k: number) => Math.max(...f.slice(k, k + 3));
        const gcFrames = passes.flatMap((f, i) =>
          f.flatMap((_, k) => ((gcs[i]?.[k] ?? 0) > 0 ? [{ ms: stretched(f, k), gc: gcs[i]?.[k] as number }] : [])),
        );
        const longestWithGc = passes.filter((f, i) => {
          const at = f.indexOf(Math.max(...f));
          return [at, at - 1, at - 2].some((k) => (gcs[i]?.[k] ?? 0) > 0);
        }).length;
        // One more pass under a trace: the main thread's CPU per frame, which the machine's load does not inflate.
        const traced = await withFrameCpu(browser, page, () => scrollPass(page));
        const { cpu } = traced;
        const worst = traced.result.indexOf(Math.max(...traced.result)); // frames and cpu are aligned, frame by frame
        const rows = await page.evaluate(
          () => document.querySelector('[data-testid="history-list"]')?.scrollHeight ?? 0,
        );
        return {
          value: median(longest),
          unit: 'ms',
          samples: longest,
          note: `${journalEvents.length} events, ${view.runs.length} runs, ${view.calls.length} calls; ${rows} px of rows scrolled ${SCROLL_PX_PER_FRAME} px a frame. One sample = the longest frame of one top-to-bottom pass; the result is the median pass (p50), p90 beside it. All ${frames.length} frames of the ${passes.length} passes: median ${fmt(median(frames))} ms, p95 ${fmt(p95(frames))} ms, max ${fmt(Math.max(...frames))} ms; ${over(frames, 50)} over 50 ms (${passes.filter((f) => over(f, 50) > 0).length} of ${passes.length} passes had one). Full garbage collections (mark-compact of V8's and the DOM's heaps, traced in these passes): ${gcFrames.length === 0 ? 'none' : `${gcFrames.length}, main-thread pauses of ${gcFrames.map((g) => `${fmt(g.gc)} ms (frame ${fmt(g.ms)} ms)`).join(', ')}; the longest frame of ${longestWithGc} of ${passes.length} passes was one of these`}. Main-thread CPU per frame (thread time, from a trace of one more pass): median ${fmt(median(cpu))} ms, p90 ${fmt(percentile(cpu, 90))} ms, max ${fmt(Math.max(...cpu))} ms; that pass's longest frame: ${fmt(traced.result[worst] ?? Number.NaN)} ms of wall time, ${fmt(cpu[worst] ?? Number.NaN)} ms of CPU (a long frame with little CPU waited for a core: the machine's load, not the page's work).`,
        };
      } finally {
        await browser.close();
      }
    },
  },
  {
    name: 'history of a 10 000-event journal: longest frame while stepping the scrubber back one event at a time',
    group: 'ui',
    goal: '≤ 50 ms',
    async run({ quick }) {
      const journalEvents = await events();
      const { browser, page } = await historyOf(journalEvents);
      try {
        await scrubPass(page, 10); // warm-up
        const frames = await scrubPass(page, quick ? 20 : 60);
        return {
          value: Math.max(...frames),
          unit: 'ms',
          samples: frames,
          note: `Each step: reduceJournal on a prefix of ~${journalEvents.length} events (cached per position), lanes rebuilt, graph/inspector/status re-derived. ${frames.length} steps: median ${fmt(median(frames))} ms, p95 ${fmt(p95(frames))} ms, max ${fmt(Math.max(...frames))} ms; ${over(frames, 50)} over 50 ms.`,
        };
      } finally {
        await browser.close();
      }
    },
  },
];

export default cases;
