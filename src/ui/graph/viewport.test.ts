import { describe, expect, it } from 'vitest';
import { boundsOf, FIT, fitViewport, MIN_LABEL_PX, NODE_LABEL_PX } from './viewport';

const O = { padding: 20, minZoom: 0.5, maxZoom: 1 };

describe('fitViewport()', () => {
  it('centres a small plan at zoom 1 (never magnifies)', () => {
    const v = fitViewport({ x: 0, y: 0, width: 200, height: 100 }, { width: 600, height: 400 }, O);
    expect(v).toEqual({ x: 200, y: 150, zoom: 1 });
  });

  it('zooms out to fit a plan that is a bit too big', () => {
    const v = fitViewport({ x: 0, y: 0, width: 1120, height: 100 }, { width: 600, height: 400 }, O);
    expect(v.zoom).toBeCloseTo(0.5);
    expect(v.x).toBeCloseTo(20);
  });

  it('shows the start of a plan too long to read whole, at the smallest readable zoom', () => {
    const v = fitViewport({ x: 100, y: -50, width: 50_000, height: 100 }, { width: 600, height: 400 }, O);
    expect(v.zoom).toBe(0.5);
    expect(v.x).toBe(20 - 100 * 0.5);
    expect(v.y).toBe((400 - 100 * 0.5) / 2 + 50 * 0.5);
  });
});

describe('FIT', () => {
  it('keeps node names at 11 px or more at the default zoom, however big the plan (it scrolls instead)', () => {
    const v = fitViewport({ x: 0, y: 0, width: 20_000, height: 9_000 }, { width: 480, height: 300 });
    expect(v.zoom).toBe(FIT.minZoom);
    expect(NODE_LABEL_PX * v.zoom).toBeGreaterThanOrEqual(MIN_LABEL_PX);
    expect(MIN_LABEL_PX).toBe(11);
  });
});

describe('boundsOf()', () => {
  it('spans every node, and is null for none', () => {
    expect(
      boundsOf(
        [
          { x: 0, y: 0 },
          { x: 100, y: -20 },
        ],
        50,
        10,
      ),
    ).toEqual({ x: 0, y: -20, width: 150, height: 30 });
    expect(boundsOf([], 50, 10)).toBeNull();
  });
});
