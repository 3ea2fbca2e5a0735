import { describe, expect, it } from 'vitest';
import { INFO_MS, noticeLifetime, PROBLEM_MS } from './notice-lifetime';

describe('noticeLifetime()', () => {
  it('lets info go after a few seconds and warnings and errors a little later', () => {
    expect(noticeLifetime({ tone: 'info' })).toBe(INFO_MS);
    expect(noticeLifetime({ tone: 'warning' })).toBe(PROBLEM_MS);
    expect(noticeLifetime({ tone: 'error' })).toBe(PROBLEM_MS);
    expect(INFO_MS).toBeLessThan(PROBLEM_MS);
    expect(PROBLEM_MS).toBeLessThanOrEqual(15_000);
  });

  it('keeps a notice that needs an action until it is dismissed', () => {
    expect(noticeLifetime({ tone: 'info', sticky: true })).toBeNull();
    expect(noticeLifetime({ tone: 'error', sticky: true })).toBeNull();
  });
});
