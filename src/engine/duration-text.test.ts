import { describe, expect, it } from 'vitest';
import { DURATION_UNIT_MS, MAX_WAIT_MS, parseDuration } from './duration-text';

describe('parseDuration()', () => {
  it.each([
    ['10 seconds', 10_000],
    ['1 second', 1_000],
    ['1 seconds', 1_000],
    ['5 minutes', 300_000],
    ['1.5 hours', 5_400_000],
    ['.5 day', 43_200_000],
    ['2 weeks', 1_209_600_000],
    ['1 month', 2_592_000_000],
    ['5 years', 5 * 365.25 * 86_400_000],
    ['0 seconds', 0],
    ['  3  minutes ', 180_000],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, ms, amount: expect.any(Number), unit: expect.any(String) });
  });

  it('reports the singular unit and the amount', () => {
    expect(parseDuration('2.5 hours')).toEqual({ ok: true, ms: 9_000_000, amount: 2.5, unit: 'hour' });
  });

  it.each(['10 secs', '10 ms', '3 milliseconds', '10 Seconds', '1 fortnight'])(
    'rejects the unknown unit in %j',
    (text) => {
      expect(parseDuration(text)).toEqual({ ok: false, reason: 'unit' });
    },
  );

  it.each([
    '',
    '10',
    '10seconds',
    'ten seconds',
    '-5 seconds',
    '1e3 seconds',
    'i like trains',
    'seconds 10',
    '1. hour',
  ])('rejects the malformed %j', (text) => {
    expect(parseDuration(text)).toEqual({ ok: false, reason: 'format' });
  });

  it('caps waits at 365 days and knows a year is 365.25 days', () => {
    expect(MAX_WAIT_MS).toBe(365 * DURATION_UNIT_MS.day);
    expect(DURATION_UNIT_MS.year).toBe(365.25 * DURATION_UNIT_MS.day);
    expect(DURATION_UNIT_MS.month).toBe(30 * DURATION_UNIT_MS.day);
  });
});
