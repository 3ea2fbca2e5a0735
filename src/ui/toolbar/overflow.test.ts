import { describe, expect, it } from 'vitest';
import { nextHidden, type OverflowMeasure, SLACK_PX } from './overflow';

const base: OverflowMeasure = {
  count: 3,
  hidden: 0,
  overflowPx: 0,
  freePx: 0,
  widths: [80, 90, 100],
  moreWidth: 60,
};

describe('nextHidden()', () => {
  it('hides one more action per render while the bar overflows, never more than there are', () => {
    expect(nextHidden({ ...base, overflowPx: 150 })).toBe(1);
    expect(nextHidden({ ...base, hidden: 2, overflowPx: 1 })).toBe(3);
    expect(nextHidden({ ...base, hidden: 3, overflowPx: 40 })).toBe(3);
  });

  it('keeps the count while the bar fits without room for the next action', () => {
    expect(nextHidden({ ...base, hidden: 2, freePx: 89 })).toBe(2);
    expect(nextHidden({ ...base, hidden: 0, freePx: 500 })).toBe(0);
  });

  it('brings the first hidden action back once its width (and some slack) is free', () => {
    expect(nextHidden({ ...base, hidden: 2, freePx: 90 + SLACK_PX })).toBe(1);
    expect(nextHidden({ ...base, hidden: 2, freePx: 90 + SLACK_PX - 1 })).toBe(2);
  });

  it('counts the More button’s room when the last hidden action comes back (the button then goes)', () => {
    expect(nextHidden({ ...base, hidden: 1, freePx: 100 + SLACK_PX - 60 })).toBe(0);
    expect(nextHidden({ ...base, hidden: 1, freePx: 100 + SLACK_PX - 61 })).toBe(1);
  });

  it('waits for a measurement before bringing back an action it never saw', () => {
    expect(nextHidden({ ...base, hidden: 1, widths: [80, 90], freePx: 1000 })).toBe(1);
  });
});
