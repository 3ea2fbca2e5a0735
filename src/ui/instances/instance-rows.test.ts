import { describe, expect, it } from 'vitest';
import type { InstanceSummary } from '../../engine';
import { countByStatus, countByWorkflow, filterInstances, instanceDuration, sortInstances } from './instance-rows';

const row = (
  id: string,
  status: InstanceSummary['status'],
  createdAt: number,
  workflowName = 'wf',
): InstanceSummary => ({
  id,
  workflowName,
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
    expect(filterInstances(ROWS, { status: 'all', workflow: 'all', search: '' }).map((r) => r.id)).toEqual([
      'order-2',
      'Refund-9',
      'order-1',
    ]);
  });

  it('filters by status and by a case-insensitive id search, together', () => {
    expect(filterInstances(ROWS, { status: 'errored', workflow: 'all', search: '' }).map((r) => r.id)).toEqual([
      'order-2',
    ]);
    expect(filterInstances(ROWS, { status: 'all', workflow: 'all', search: ' refund ' }).map((r) => r.id)).toEqual([
      'Refund-9',
    ]);
    expect(filterInstances(ROWS, { status: 'complete', workflow: 'all', search: 'order' }).map((r) => r.id)).toEqual([
      'order-1',
    ]);
  });

  it('filters 10 000 instances in well under a frame', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => row(`inst-${i}`, i % 3 ? 'complete' : 'errored', i));
    const start = performance.now();
    const out = filterInstances(many, { status: 'errored', workflow: 'all', search: '99' });
    expect(performance.now() - start).toBeLessThan(50);
    expect(out.every((r) => r.status === 'errored' && r.id.includes('99'))).toBe(true);
  });
});

describe('filter by workflow', () => {
  const mixed = [
    row('a', 'complete', 1, 'greeter'),
    row('b', 'errored', 2, 'broken'),
    row('c', 'waiting', 3, 'greeter'),
  ];

  it('keeps only the chosen workflow’s instances, with the other filters', () => {
    expect(filterInstances(mixed, { status: 'all', workflow: 'greeter', search: '' }).map((r) => r.id)).toEqual([
      'c',
      'a',
    ]);
    expect(filterInstances(mixed, { status: 'errored', workflow: 'greeter', search: '' })).toEqual([]);
  });

  it('lists each workflow once, by name, with its count', () => {
    expect(countByWorkflow(mixed)).toEqual([
      ['broken', 1],
      ['greeter', 2],
    ]);
  });
});

describe('sortInstances()', () => {
  const a = { ...row('a', 'complete', 1000), updatedAt: 1000 + 50 };
  const b = { ...row('b', 'running', 2000), updatedAt: 2000 + 10 };
  const c = { ...row('c', 'errored', 3000), updatedAt: 3000 + 500 };
  const newest = [c, b, a];
  const ids = (rows: InstanceSummary[]) => rows.map((r) => r.id);

  it('sorts by start either way', () => {
    expect(ids(sortInstances(newest, { key: 'started', desc: true }, 9000))).toEqual(['c', 'b', 'a']);
    expect(ids(sortInstances(newest, { key: 'started', desc: false }, 9000))).toEqual(['a', 'b', 'c']);
  });

  it('sorts by status in the filter’s order (running first, complete last)', () => {
    expect(ids(sortInstances(newest, { key: 'status', desc: false }, 9000))).toEqual(['b', 'c', 'a']);
    expect(ids(sortInstances(newest, { key: 'status', desc: true }, 9000))).toEqual(['a', 'c', 'b']);
  });

  it('sorts by duration, a live instance measured to now, ties newest first', () => {
    // a: 50 ms, c: 500 ms, b (running): 9000 - 2000 = 7000 ms.
    expect(ids(sortInstances(newest, { key: 'duration', desc: true }, 9000))).toEqual(['b', 'c', 'a']);
    expect(ids(sortInstances(newest, { key: 'duration', desc: false }, 2100))).toEqual(['a', 'b', 'c']);
    const tie = [row('y', 'complete', 5), row('x', 'complete', 4)];
    expect(ids(sortInstances(tie, { key: 'duration', desc: true }, 0))).toEqual(['y', 'x']);
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
