import { describe, expect, it } from 'vitest';
import { buildTimeAxis } from './time-axis';
import { anchoredScroll, clampZoom, formatZoom, MAX_ZOOM, scrollToShow, stepZoom, wheelZoom } from './zoom';

/** 120 one-second runs an hour apart, as a long retrying instance journals them. */
const points = Array.from({ length: 120 }, (_, i) => [i * 3_600_000, i * 3_600_000 + 1_000]).flat();
const axisAt = (zoom: number) => buildTimeAxis({ points, busy: [] }, { width: 800 * zoom });

describe('history zoom', () => {
  it('steps by 1.5× between fits-all and 512×', () => {
    expect(stepZoom(1, 1)).toBe(1.5);
    expect(stepZoom(1.5, -1)).toBe(1);
    expect(stepZoom(1, -1)).toBe(1);
    expect(stepZoom(400, 1)).toBe(MAX_ZOOM);
    expect(clampZoom(Number.NaN)).toBe(1);
  });

  it('turns one wheel notch into one step, up = in', () => {
    expect(wheelZoom(2, -100)).toBeCloseTo(3);
    expect(wheelZoom(3, 100)).toBeCloseTo(2);
    expect(wheelZoom(1, 500)).toBe(1);
  });

  it('names the level the way the history shows it', () => {
    expect(formatZoom(1)).toBe('fit');
    expect(formatZoom(1.5)).toBe('1.5×');
    expect(formatZoom(2)).toBe('2×');
    expect(formatZoom(11.39)).toBe('11×');
  });

  it('keeps the moment under the pointer where it was', () => {
    const before = axisAt(1);
    const after = axisAt(8);
    const anchor = 300;
    const t = before.toTime(anchor);
    const left = anchoredScroll(before, after, 0, anchor, 800);
    expect(after.toX(t) - left).toBeCloseTo(anchor, 6);
    // and back out again, from a scrolled view
    const back = anchoredScroll(after, before, left, anchor, 800);
    expect(back).toBe(0); // at 1× there is nothing to scroll
  });

  it('clamps to the axis at its ends', () => {
    expect(anchoredScroll(axisAt(1), axisAt(4), 0, 0, 800)).toBe(0);
    expect(anchoredScroll(axisAt(1), axisAt(4), 0, 800, 800)).toBe(3200 - 800);
  });

  it('scrolls a time-travel cursor out of view to the middle, and leaves one in view alone', () => {
    expect(scrollToShow(500, 200, 4000, 800)).toBe(200);
    expect(scrollToShow(2500, 200, 4000, 800)).toBe(2100);
    expect(scrollToShow(3990, 0, 4000, 800)).toBe(3200);
  });
});
