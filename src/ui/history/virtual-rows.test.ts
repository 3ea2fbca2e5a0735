import { Virtualizer } from '@tanstack/react-virtual';
import { describe, expect, it } from 'vitest';
import type { HistoryRow } from './lanes';
import { ROW_HEIGHT } from './layout';
import { virtualRows } from './virtual-rows';

const rows = (n: number): HistoryRow[] =>
  Array.from({ length: n }, (_, i) =>
    i % 10 === 0
      ? { type: 'output', key: `output:${i}`, run: 1, text: `line ${i}`, at: i, first: true }
      : { type: 'replayed', key: `replayed:${i}`, run: i, count: 7, at: i, expanded: false, names: 'a, b, c' },
  );

/** The waterfall's virtualizer, without a DOM: what each render hands it, and what it computes from that. */
function virtualizerFor(list: HistoryRow[]) {
  const options = (rows: HistoryRow[]) => ({
    count: rows.length,
    getScrollElement: () => null,
    scrollToFn: () => {},
    observeElementRect: () => {},
    observeElementOffset: () => {},
    overscan: 12,
    ...virtualRows(rows),
  });
  const v = new Virtualizer<Element, Element>(options(list));
  /** Renders with `rows` and reads the rows' layout (offsets and sizes) the virtualizer then holds. */
  const render = (rows: HistoryRow[]) => {
    v.setOptions(options(rows));
    v.getTotalSize(); // lays the rows out, or keeps the layout it has
    return v.measurementsCache;
  };
  return { render };
}

describe('virtualRows()', () => {
  it("gives each row's key and height", () => {
    const list = rows(12);
    const { getItemKey, estimateSize } = virtualRows(list);
    expect([getItemKey(0), getItemKey(3)]).toEqual(['output:0', 'replayed:3']);
    expect([estimateSize(0), estimateSize(3)]).toEqual([ROW_HEIGHT.output, ROW_HEIGHT.replayed]);
  });

  it('keeps the layout of 3 600 rows across renders with the same rows, and redoes it for new rows', () => {
    const list = rows(3_600);
    const { render } = virtualizerFor(list);
    const first = render(list);
    expect(first).toHaveLength(3_600);
    expect(first[10]).toMatchObject({ start: ROW_HEIGHT.output + 9 * ROW_HEIGHT.replayed, size: ROW_HEIGHT.output });
    expect(render(list)).toBe(first); // a scrolled frame: the same rows
    const next = render(rows(3_601)); // a new event: new rows
    expect(next).not.toBe(first);
    expect(next).toHaveLength(3_601);
  });
});
