import { describe, expect, it } from 'vitest';
import { judgeGoal, metCell, parseGoal } from '../../bench/goal';
import { median, percentile } from '../../bench/stats';

describe('percentile()', () => {
  it('interpolates between ranks; the 50th is the median', () => {
    const xs = [5, 1, 4, 2, 3];
    expect(percentile(xs, 50)).toBe(median(xs));
    expect(percentile(xs, 90)).toBeCloseTo(4.6);
    expect(percentile(xs, 10)).toBeCloseTo(1.4);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 90)).toBeNaN();
  });
});

describe('benchmark goals', () => {
  it('reads the first comparison and number of a goal, commas included', () => {
    expect(parseGoal('≥ 20,000 steps/s')).toEqual({ op: '≥', bound: 20_000 });
    expect(parseGoal('≤ 0.3× (#22: ≤ 10 % slower than 0.26×)')).toEqual({ op: '≤', bound: 0.3 });
    expect(parseGoal('—')).toBeUndefined();
  });

  it('judges the headline and the worse tail: p90 for ≤, p10 for ≥', () => {
    expect(judgeGoal('≤ 2.2×', 1.9, [1.8, 1.9, 2.0, 3.7])).toEqual({ met: true, tailMet: false, tail: 'p90' });
    expect(judgeGoal('≥ 1,000 steps/s', 1_800, [900, 950, 1_800, 1_900])).toEqual({
      met: true,
      tailMet: false,
      tail: 'p10',
    });
    expect(metCell('≤ 350 ms', 300, [290, 300, 310])).toBe('yes');
    expect(metCell('≤ 350 ms', 400, [390, 400, 410])).toBe('**no** (p90: no)');
    expect(metCell('≤ 2.2×', 1.9, [1.8, 1.9, 2.0, 3.7])).toBe('yes (p90: no)');
    expect(metCell(null, 1, [1])).toBe('—');
  });
});
