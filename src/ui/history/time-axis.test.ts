import { describe, expect, it } from 'vitest';
import { buildTimeAxis } from './time-axis';

const DAY = 86_400_000;

describe('buildTimeAxis()', () => {
  it('is linear when every gap is short', () => {
    const axis = buildTimeAxis({ points: [0, 100, 200, 400] }, { width: 400 });
    expect(axis.breaks).toEqual([]);
    expect(axis.toX(0)).toBe(0);
    expect(axis.toX(200)).toBe(200);
    expect(axis.toX(400)).toBe(400);
  });

  it('to scale, keeps a 1-day sleep as long as it was: one linear segment, no breaks', () => {
    const points = [0, 20, 40, 60, DAY + 60, DAY + 80, DAY + 100];
    const axis = buildTimeAxis({ points, busy: [[0, 20]] }, { width: 1000, toScale: true });
    expect(axis.breaks).toEqual([]);
    expect(axis.segments).toEqual([{ kind: 'linear', from: 0, to: DAY + 100, x: 0, width: 1000 }]);
    expect(axis.toX(DAY / 2 + 50)).toBeCloseTo(500);
    // 100 ms of activity on a 1-day axis is a fraction of a pixel: the track draws it at its minimum width.
    expect(axis.toX(60) - axis.toX(0)).toBeLessThan(0.01);
    expect(axis.toTime(500)).toBeCloseTo(DAY / 2 + 50);
  });

  it('compresses a 1-day sleep into one break so both bursts stay readable', () => {
    const axis = buildTimeAxis({ points: [0, 20, 40, 60, DAY + 60, DAY + 80, DAY + 100] }, { width: 300, breakPx: 20 });
    expect(axis.breaks).toHaveLength(1);
    expect(axis.breaks[0]).toMatchObject({ from: 60, to: DAY + 60, width: 20 });
    // 100 ms of activity share the 280 px left: 2.8 px per ms.
    expect(axis.toX(60)).toBeCloseTo(168);
    expect(axis.toX(DAY + 60)).toBeCloseTo(188);
    expect(axis.toX(DAY + 100)).toBeCloseTo(300);
    expect(axis.toX(DAY / 2)).toBeGreaterThan(168);
    expect(axis.toX(DAY / 2)).toBeLessThan(188);
  });

  it('keeps points in order and within the width, breaks included', () => {
    const points = [0, 5, 1000, 1010, 3010, 3020, 3020, 7020, 7500];
    const axis = buildTimeAxis({ points }, { width: 500 });
    const xs = points.map(axis.toX);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(Math.max(...xs)).toBeCloseTo(500);
    const total = axis.segments.reduce((n, s) => n + s.width, 0);
    expect(total).toBeCloseTo(500);
  });

  it('never compresses a gap a step attempt spans, however long', () => {
    const axis = buildTimeAxis({ points: [0, 10, 5_010, 5_020, DAY], busy: [[10, 5_010]] }, { width: 400 });
    expect(axis.breaks.map((b) => [b.from, b.to])).toEqual([[5_020, DAY]]);
    expect(axis.toX(5_010) - axis.toX(10)).toBeGreaterThan(300);
  });

  it('never compresses gaps shorter than minIdleMs', () => {
    const axis = buildTimeAxis({ points: [0, 1, 200, 201] }, { width: 400, minIdleMs: 250 });
    expect(axis.breaks).toEqual([]);
  });

  it('shrinks breaks when there are many, keeping them under the share of the width', () => {
    const points = Array.from({ length: 51 }, (_, i) => [i * 60_000, i * 60_000 + 50]).flat();
    const axis = buildTimeAxis({ points }, { width: 600, maxBreakShare: 0.4 });
    expect(axis.breaks).toHaveLength(50);
    expect(axis.breaks.reduce((n, b) => n + b.width, 0)).toBeLessThanOrEqual(600 * 0.4 + 1e-6);
    expect(axis.breaks[0]!.width).toBeCloseTo(4.8);
  });

  it('keeps every break inside the width, even when there are more breaks than pixels to spare', () => {
    const points = Array.from({ length: 145 }, (_, i) => [i * 60_000, i * 60_000 + 5]).flat();
    const axis = buildTimeAxis({ points }, { width: 230 });
    expect(axis.breaks).toHaveLength(144);
    expect(axis.segments.every((s) => s.width >= 0)).toBe(true);
    expect(axis.toX(points.at(-1)!)).toBeCloseTo(230);
    expect(axis.breaks.reduce((n, b) => n + b.width, 0)).toBeCloseTo(230 * 0.4);
  });

  it('spreads instantaneous bursts (a virtual-clock journal) over the whole width', () => {
    const axis = buildTimeAxis({ points: [0, 0, 60_000, 120_000, 120_000] }, { width: 300 });
    expect(axis.breaks.map((b) => b.width)).toEqual([150, 150]);
    expect([0, 60_000, 120_000].map(axis.toX)).toEqual([0, 150, 300]);
  });

  it('handles one point or none', () => {
    expect(buildTimeAxis({ points: [5] }, { width: 100 }).toX(5)).toBe(0);
    expect(buildTimeAxis({ points: [] }, { width: 100 }).segments).toHaveLength(1);
  });
});

describe('TimeAxis.toTime()', () => {
  it('inverts toX on linear stretches and breaks, and clamps outside the axis', () => {
    const points = [0, 20, 40, 60, DAY + 60, DAY + 80, DAY + 100];
    const axis = buildTimeAxis({ points }, { width: 300, breakPx: 20 });
    for (const t of [0, 10, 45, 60, DAY / 2, DAY + 60, DAY + 90, DAY + 100]) {
      expect(axis.toTime(axis.toX(t))).toBeCloseTo(t, 3);
    }
    expect(axis.toTime(-5)).toBe(0);
    expect(axis.toTime(301)).toBe(DAY + 100);
  });

  it('is monotonic across a virtual-clock journal (no linear time, breaks only)', () => {
    const axis = buildTimeAxis({ points: [0, 60_000, 120_000, 180_000] }, { width: 90 });
    const ts = [0, 15, 30, 45, 60, 75, 90].map(axis.toTime);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    expect(axis.toTime(45)).toBeCloseTo(90_000);
  });
});
