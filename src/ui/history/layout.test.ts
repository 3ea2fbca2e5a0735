import { describe, expect, it } from 'vitest';
import { besideBar, columns } from './layout';

describe('besideBar()', () => {
  it('puts words right of the bar when they fit', () => {
    expect(besideBar(10, 20, 300, 10)).toEqual({ left: 33 });
  });

  it('puts them left of the bar when the bar ends near the track end', () => {
    const { left } = besideBar(200, 90, 300, 10);
    expect(left + 10 * 5.6 + 4).toBeLessThanOrEqual(200);
  });

  it('keeps them inside the track when neither side has room', () => {
    expect(besideBar(5, 290, 300, 20).left).toBeGreaterThanOrEqual(0);
  });
});

describe('columns()', () => {
  it('gives the label about a third of the width, within bounds, and the track the rest', () => {
    expect(columns(432)).toEqual({ label: 156, track: 266 });
    expect(columns(200).label).toBe(124);
    expect(columns(1000).label).toBe(200);
  });
});
