/**
 * The page's main-thread CPU per frame, from a Chromium trace: a figure the machine's load does not inflate. A
 * frame's wall time (rAF to rAF) also counts the time the renderer waited for a core; each trace event's thread
 * time (`tdur`) counts only the time it ran. On a loaded machine a 200 ms frame can hold 3 ms of work.
 * Also the main-thread pause of full garbage collections per frame, from a trace of collections only.
 */
import type { Browser, Page } from '@playwright/test';

/** The mark the measured page code sets for each frame (`performance.mark`, its startTime the frame's rAF time). */
export const FRAME_MARK = 'bench:frame';

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** The renderer's main thread that set the {@link FRAME_MARK}s, and when each frame starts (µs). */
function markedFrames(events: TraceEvent[]): { pid: number; tid: number; starts: number[] } {
  const marks = events.filter((e) => e.name === FRAME_MARK);
  const pid = marks[0]?.pid;
  const main = events.find((e) => e.pid === pid && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error(`the trace has no '${FRAME_MARK}' marks on a renderer's main thread`);
  return { pid: main.pid, tid: main.tid, starts: marks.map((e) => e.ts).sort((a, b) => a - b) };
}

/**
 * Per frame of `trace` (from one {@link FRAME_MARK} to the next), the thread time (ms) of the main thread's
 * outermost complete events that `count` accepts; an event inside a counted one is not counted again.
 */
function threadTimePerFrame(trace: { traceEvents: TraceEvent[] }, count: (e: TraceEvent) => boolean): number[] {
  const { pid, tid, starts } = markedFrames(trace.traceEvents);
  const spans = trace.traceEvents
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined && count(e))
    .sort((a, b) => a.ts - b.ts);
  const frames = starts.slice(1).map(() => 0);
  let end = Number.NEGATIVE_INFINITY;
  let frame = 0;
  for (const e of spans) {
    if (e.ts < end) continue; // inside an outer event, already counted
    end = e.ts + (e.dur ?? 0);
    while (frame < frames.length && e.ts >= (starts[frame + 1] as number)) frame++;
    if (frame === frames.length) break;
    if (e.ts >= (starts[0] as number)) frames[frame] = (frames[frame] as number) + (e.tdur ?? e.dur ?? 0) / 1000;
  }
  return frames;
}

/**
 * CPU (ms) the renderer's main thread spent in each frame of `trace`: the thread time of its outermost events
 * from one {@link FRAME_MARK} to the next. Throws when the trace holds no marked frames.
 */
export function cpuPerFrame(trace: { traceEvents: TraceEvent[] }): number[] {
  return threadTimePerFrame(trace, () => true);
}

/** The trace categories {@link majorGcPerFrame} needs: V8's collections (events only while one runs) and the marks. */
export const GC_CATEGORIES = ['disabled-by-default-v8.gc', 'blink.user_timing'];

/**
 * Main-thread time (ms) of full garbage collections in each frame of `trace`: the pause of each mark-compact
 * (V8's, which also finishes the DOM's heap), the part that stops the page. Throws when no frames are marked.
 */
export function majorGcPerFrame(trace: { traceEvents: TraceEvent[] }): number[] {
  return threadTimePerFrame(trace, (e) => e.name === 'V8.GC_MARK_COMPACTOR');
}

/** Runs `measure` (whose page code marks each frame with {@link FRAME_MARK}) under a trace; its result and the CPU per frame. */
export async function withFrameCpu<T>(
  browser: Browser,
  page: Page,
  measure: () => Promise<T>,
): Promise<{ result: T; cpu: number[] }> {
  const { result, trace } = await traced(browser, page, ['devtools.timeline', 'blink.user_timing'], measure);
  return { result, cpu: cpuPerFrame(trace) };
}

/** Runs `measure` (marking each frame) under a trace of garbage collections only; its result and each frame's full-GC pause. */
export async function withMajorGc<T>(
  browser: Browser,
  page: Page,
  measure: () => Promise<T>,
): Promise<{ result: T; gc: number[] }> {
  const { result, trace } = await traced(browser, page, GC_CATEGORIES, measure);
  return { result, gc: majorGcPerFrame(trace) };
}

async function traced<T>(browser: Browser, page: Page, categories: string[], measure: () => Promise<T>) {
  await browser.startTracing(page, { categories });
  const result = await measure();
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  return { result, trace };
}
