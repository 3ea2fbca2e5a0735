import { describe, expect, it } from 'vitest';
import type { InstanceSummary } from '../../engine';
import { countByStatus, filterInstances, instanceDuration } from './instance-rows';

const row = (id: string, status: InstanceSummary['status'], createdAt: number): InstanceSummary => ({
  id,
  workflowName: 'wf',
  status,
  createdAt,
  updatedAt: createdAt + 1000,
  lastSeq: 3,
  runs: 1,
  steps: 1,
  error: null,
});

const ROWS = [row('order-1', 'complete', 1), row('order-2', 'errored', 3), row('Refund-9', 'waiting', 2)];

describe('filterInstances()', () => {
  it('lists newest first', () => {
    expect(filterInstances(ROWS, { status: 'all', search: '' }).map((r) => r.id)).toEqual([
      'order-2',
      'Refund-9',
      'order-1',
    ]);
  });

  it('filters by status and by a case-insensitive id search, together', () => {
    expect(filterInstances(ROWS, { status: 'errored', search: '' }).map((r) => r.id)).toEqual(['order-2']);
    expect(filterInstances(ROWS, { status: 'all', search: ' refund ' }).map((r) => r.id)).toEqual(['Refund-9']);
    expect(filterInstances(ROWS, { status: 'complete', search: 'order' }).map((r) => r.id)).toEqual(['order-1']);
  });

  it('filters 10 000 instances in well under a frame', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => row(`inst-${i}`, i % 3 ? 'complete' : 'errored', i));
    const start = performance.now();
    const out = filterInstances(many, { status: 'errored', search: '99' });
    expect(performance.now() - start).toBeLessThan(50);
    expect(out.every((r) => r.status === 'errored' && r.id.includes('99'))).toBe(true);
  });
});

describe('countByStatus()', () => {
  it('counts each status', () => {
    expect(Object.fromEntries(countByStatus(ROWS))).toEqual({ complete: 1, errored: 1, waiting: 1 });
  });
});

describe('instanceDuration()', () => {
  it('stops at the last event once finished, and keeps growing while live', () => {
    expect(instanceDuration(row('a', 'complete', 0), 99_999)).toBe(1000);
    expect(instanceDuration(row('a', 'waiting', 0), 5000)).toBe(5000);
  });
});
