/**
 * The history's time axis: clock time → x in pixels, with idle gaps compressed. A run is a burst of activity
 * (milliseconds to seconds); between runs an instance may sleep for a day, so drawn linearly the bursts would
 * be a pixel wide. Every *idle* gap — between two consecutive points in time, not covered by a busy interval
 * (a step attempt), and at least `minIdleMs` long — becomes a fixed-width *break*, drawn with a marker and its
 * real length; the rest of the axis is linear. With `toScale` nothing is compressed: the whole axis is linear
 * (true time), and only the drawing gives tiny spans a minimum width (Track.tsx). Pure; times are engine clock ms.
 */

/** A stretch of the axis: linear time, or a compressed idle gap (`break`). */
export interface AxisSegment {
  kind: 'linear' | 'break';
  from: number;
  to: number;
  x: number;
  width: number;
}

/** The axis of one history view. */
export interface TimeAxis {
  start: number;
  end: number;
  width: number;
  segments: AxisSegment[];
  /** The compressed gaps, left to right. */
  breaks: AxisSegment[];
  /** x of clock time `t` (clamped to the axis). */
  toX(t: number): number;
  /** The clock time drawn at `x` (clamped to the axis): inside a break, a time within its gap. */
  toTime(x: number): number;
}

/** What the axis must show: moments, and intervals during which something ran (never compressed). */
export interface AxisInput {
  points: readonly number[];
  busy?: readonly (readonly [number, number])[];
}

/** How the axis is laid out. */
export interface TimeAxisOptions {
  /** Pixels available. */
  width: number;
  /** Width of one break marker, when there is room (shrinks when there are many). */
  breakPx?: number;
  /** Idle gaps shorter than this stay linear. */
  minIdleMs?: number;
  /** Breaks together take at most this share of the width. */
  maxBreakShare?: number;
  /** A true time axis: no idle gap is compressed (default false: compact). */
  toScale?: boolean;
}

const DEFAULTS = { breakPx: 22, minIdleMs: 250, maxBreakShare: 0.4 } as const;

/** Lays out an axis through the input's points. */
export function buildTimeAxis(input: AxisInput, options: TimeAxisOptions): TimeAxis {
  const o = { ...DEFAULTS, ...options };
  const width = Math.max(1, o.width);
  const ts = uniqueSorted(input.points);
  const start = ts[0] ?? 0;
  const end = ts.length > 1 ? ts[ts.length - 1]! : start + 1;
  if (ts.length < 2 || o.toScale) {
    return axisOf(start, end, width, [{ kind: 'linear', from: start, to: end, x: 0, width }]);
  }

  const busy = mergeIntervals(input.busy ?? []);
  const idle: { from: number; to: number }[] = [];
  let b = 0;
  for (let i = 1; i < ts.length; i++) {
    const from = ts[i - 1]!;
    const to = ts[i]!;
    if (to - from < o.minIdleMs) continue;
    while (b < busy.length && busy[b]![1] <= from) b++;
    const covered = b < busy.length && busy[b]![0] < to;
    if (!covered) idle.push({ from, to });
  }
  const n = idle.length;
  const idleMs = idle.reduce((sum, g) => sum + (g.to - g.from), 0);
  const linearMs = end - start - idleMs;
  // Many breaks share `maxBreakShare` of the width, however thin that makes them: the activity keeps the rest.
  // A journal written on a virtual clock has no linear time at all (every burst is one instant): then the
  // breaks take the whole width, so the bursts still spread over it.
  const breakPx = n === 0 ? 0 : linearMs <= 0 ? width / n : Math.min(o.breakPx, (width * o.maxBreakShare) / n);
  const scale = linearMs <= 0 ? 0 : (width - n * breakPx) / linearMs;

  const segments: AxisSegment[] = [];
  let x = 0;
  let from = start;
  for (const g of idle) {
    if (g.from > from) {
      segments.push({ kind: 'linear', from, to: g.from, x, width: (g.from - from) * scale });
      x += (g.from - from) * scale;
    }
    segments.push({ kind: 'break', from: g.from, to: g.to, x, width: breakPx });
    x += breakPx;
    from = g.to;
  }
  if (end > from || segments.length === 0) segments.push({ kind: 'linear', from, to: end, x, width: width - x });
  return axisOf(start, end, width, segments);
}

/** Sorted, overlapping intervals merged. */
function mergeIntervals(intervals: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = intervals.filter(([a, z]) => z > a).sort((p, q) => p[0] - q[0]);
  const out: [number, number][] = [];
  for (const [a, z] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], z);
    else out.push([a, z]);
  }
  return out;
}

function uniqueSorted(points: readonly number[]): number[] {
  const sorted = points.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted.filter((t, i) => i === 0 || t !== sorted[i - 1]);
}

function axisOf(start: number, end: number, width: number, segments: AxisSegment[]): TimeAxis {
  const toX = (t: number): number => {
    if (t <= start) return 0;
    if (t >= end) return width;
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (segments[mid]!.to < t) lo = mid + 1;
      else hi = mid;
    }
    const s = segments[lo]!;
    const span = s.to - s.from;
    return span <= 0 ? s.x : s.x + ((t - s.from) / span) * s.width;
  };
  const toTime = (x: number): number => {
    if (x <= 0) return start;
    if (x >= width) return end;
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (segments[mid]!.x + segments[mid]!.width < x) lo = mid + 1;
      else hi = mid;
    }
    const s = segments[lo]!;
    return s.width <= 0 ? s.from : s.from + ((x - s.x) / s.width) * (s.to - s.from);
  };
  return { start, end, width, segments, breaks: segments.filter((s) => s.kind === 'break'), toX, toTime };
}
