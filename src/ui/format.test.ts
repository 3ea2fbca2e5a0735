import { describe, expect, it } from 'vitest';
import { formatCountdown, formatDuration, plural } from './format';

describe('formatDuration()', () => {
  it('picks a unit people read at a glance', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(340.4)).toBe('340 ms');
    expect(formatDuration(2400)).toBe('2.4 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(184_000)).toBe('3 min 4 s');
    expect(formatDuration(7_500_000)).toBe('2 h 5 min');
    expect(formatDuration(270_000_000)).toBe('3 d 3 h');
    expect(formatDuration(-5)).toBe('0 ms');
  });
});

describe('formatCountdown()', () => {
  it('counts down in clock notation and says "now" once due', () => {
    expect(formatCountdown(9_000)).toBe('0:09');
    expect(formatCountdown(8_001)).toBe('0:09');
    expect(formatCountdown(720_000)).toBe('12:00');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(0)).toBe('now');
    expect(formatCountdown(-10)).toBe('now');
  });
});

describe('plural()', () => {
  it('agrees the noun with the count', () => {
    expect(plural(1, 'attempt')).toBe('1 attempt');
    expect(plural(3, 'attempt')).toBe('3 attempts');
    expect(plural(2, 'replay')).toBe('2 replays');
  });
});
