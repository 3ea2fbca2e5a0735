import { describe, expect, it } from 'vitest';
import { cpuPerFrame, FRAME_MARK, majorGcPerFrame, type TraceEvent } from '../../bench/frame-cpu';

/** A trace as Chromium writes it: the renderer's main thread (pid 7, tid 1), a worker thread (tid 2), marks. */
const trace = (events: TraceEvent[]) => ({
  traceEvents: [
    { name: 'thread_name', ph: 'M', ts: 0, pid: 7, tid: 1, args: { name: 'CrRendererMain' } },
    { name: 'thread_name', ph: 'M', ts: 0, pid: 7, tid: 2, args: { name: 'DedicatedWorker thread' } },
    ...events,
  ],
});
const mark = (ts: number): TraceEvent => ({ name: FRAME_MARK, ph: 'R', ts, pid: 7, tid: 1 });
const task = (ts: number, dur: number, tdur: number, tid = 1): TraceEvent => ({
  name: 'RunTask',
  ph: 'X',
  ts,
  dur,
  tdur,
  pid: 7,
  tid,
});

describe('cpuPerFrame', () => {
  it("sums the thread time (not the wall time) of the main thread's outermost events between frame marks", () => {
    const frames = cpuPerFrame(
      trace([
        mark(0),
        task(100, 200_000, 3_000), // a 200 ms frame that ran 3 ms: the rest was waiting for a core
        { ...task(150, 1_000, 900), name: 'Layout' }, // nested in the task above: not counted twice
        task(500, 5_000, 5_000, 2), // another thread
        mark(300_000),
        task(300_100, 2_000, 2_000),
        task(303_000, 1_000, 500),
        mark(320_000),
        task(330_000, 9_000, 9_000), // after the last mark: no whole frame
      ]),
    );
    expect(frames).toEqual([3, 2.5]);
  });

  it('says so when the trace has no marked frames', () => {
    expect(() => cpuPerFrame(trace([task(0, 10, 10)]))).toThrow(
      "the trace has no 'bench:frame' marks on a renderer's main thread",
    );
  });
});

describe('majorGcPerFrame', () => {
  it("sums the main thread's mark-compact pauses per frame, not scavenges, their phases or other threads' work", () => {
    const gc = (name: string, ts: number, dur: number, tdur: number, tid = 1) => ({
      ...task(ts, dur, tdur, tid),
      name,
    });
    const frames = majorGcPerFrame(
      trace([
        mark(0),
        gc('V8.GC_SCAVENGER', 1_000, 4_000, 4_000), // a young-generation collection
        mark(16_700),
        gc('V8.GC_MARK_COMPACTOR', 17_000, 56_000, 48_000), // the long frame's full collection
        gc('V8.GC_MC_MARK', 17_100, 12_000, 12_000), // one of its phases
        gc('V8.GC_MARK_COMPACTOR', 20_000, 30_000, 30_000, 2), // the worker's heap
        mark(90_000),
        mark(106_700),
      ]),
    );
    expect(frames).toEqual([0, 48, 0]);
  });
});
