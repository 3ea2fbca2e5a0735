import { describe, expect, it } from 'vitest';
import {
  boundsOf,
  FIT,
  fitViewport,
  MIN_LABEL_PX,
  NODE_LABEL_PX,
  overflows,
  scrollAxis,
  scrolledTo,
  wheelScrolled,
} from './viewport';

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

describe('scrolling a plan too wide to fit at a readable zoom', () => {
  // Four nodes in a row (the starter), in a 486 px wide pane at 1280×720: it cannot fit at zoom 1.
  const plan = { x: 0, y: 0, width: 856, height: 64 };
  const pane = { width: 486, height: 380 };
  const start = fitViewport(plan, pane);

  it('shows the start with a horizontal scrollbar over the padded plan, and none vertically', () => {
    expect(start.zoom).toBe(1);
    expect(scrollAxis(plan, start, 'x')).toEqual({ content: 856 + 2 * FIT.padding, offset: 0 });
    expect(overflows(plan, start, pane, 'x')).toBe(true);
    expect(overflows(plan, start, pane, 'y')).toBe(false);
    expect(overflows(plan, fitViewport(plan, { width: 1200, height: 380 }), { width: 1200, height: 380 }, 'x')).toBe(
      false,
    );
  });

  it('scrolled to the end, the last node ends one padding inside the pane’s right edge', () => {
    const end = scrollAxis(plan, start, 'x').content - pane.width;
    const v = scrolledTo(plan, start, 'x', end);
    expect(v.x + (plan.x + plan.width) * v.zoom).toBe(pane.width - FIT.padding);
    expect(scrollAxis(plan, v, 'x').offset).toBe(end);
    expect(v.y).toBe(start.y);
  });

  it('a plain wheel scrolls it sideways, and stops at either end', () => {
    const end = scrollAxis(plan, start, 'x').content - pane.width;
    const once = wheelScrolled(plan, start, pane, { x: 0, y: 100 });
    expect(scrollAxis(plan, once, 'x').offset).toBe(100);
    expect(once.y).toBe(start.y);
    const far = wheelScrolled(plan, once, pane, { x: 0, y: 10_000 });
    expect(scrollAxis(plan, far, 'x').offset).toBe(end);
    const back = wheelScrolled(plan, far, pane, { x: 0, y: -10_000 });
    expect(back).toEqual(start);
  });

  it('a plan that fits does not move; one dragged past its end is not pulled back, only kept from going on', () => {
    const fits = fitViewport(plan, { width: 1200, height: 380 });
    expect(wheelScrolled(plan, fits, { width: 1200, height: 380 }, { x: 50, y: 50 })).toEqual(fits);
    const dragged = scrolledTo(plan, start, 'x', -80);
    expect(wheelScrolled(plan, dragged, pane, { x: 0, y: -30 })).toEqual(dragged);
    expect(scrollAxis(plan, wheelScrolled(plan, dragged, pane, { x: 0, y: 30 }), 'x').offset).toBe(-50);
  });

  it('a plan tall and wide scrolls on both axes, each by its own delta', () => {
    const big = { x: 0, y: 0, width: 900, height: 900 };
    const v = fitViewport(big, pane);
    const moved = wheelScrolled(big, v, pane, { x: 40, y: 60 });
    expect(scrollAxis(big, moved, 'x').offset).toBe(40);
    expect(scrollAxis(big, moved, 'y').offset).toBe(60);
  });
});
