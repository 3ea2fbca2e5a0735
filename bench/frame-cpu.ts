/**
 * The page's main-thread CPU per frame, from a Chromium trace: a figure the machine's load does not inflate. A
 * frame's wall time (rAF to rAF) also counts the time the renderer waited for a core; each trace event's thread
 * time (`tdur`) counts only the time it ran. On a loaded machine a 200 ms frame can hold 3 ms of work.
 */
import type { Browser, Page } from '@playwright/test';

/** The mark the measured page code sets at the start of each frame (`performance.mark`). */
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

/**
 * CPU (ms) the renderer's main thread spent in each frame of `trace`: the thread time of its outermost events
 * from one {@link FRAME_MARK} to the next. Throws when the trace holds no marked frames.
 */
export function cpuPerFrame(trace: { traceEvents: TraceEvent[] }): number[] {
  const events = trace.traceEvents;
  const marks = events.filter((e) => e.name === FRAME_MARK);
  const pid = marks[0]?.pid;
  const main = events.find((e) => e.pid === pid && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error(`the trace has no '${FRAME_MARK}' marks on a renderer's main thread`);
  const starts = marks.map((e) => e.ts).sort((a, b) => a - b);
  const spans = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
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

/** Runs `measure` (whose page code marks each frame with {@link FRAME_MARK}) under a trace; its result and the CPU per frame. */
export async function withFrameCpu<T>(
  browser: Browser,
  page: Page,
  measure: () => Promise<T>,
): Promise<{ result: T; cpu: number[] }> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing'] });
  const result = await measure();
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  return { result, cpu: cpuPerFrame(trace) };
}
