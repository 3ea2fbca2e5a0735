/**
 * What the waterfall's virtual list asks of the rows: each row's key and height. One pair of functions per rows
 * array, the same on every render: the virtualizer lays out all rows again (a loop over every row and an array
 * as long, 3 600 rows for a 10 000-event journal) whenever `getItemKey` is a new function, and scrolling
 * renders the waterfall on almost every frame. Pure.
 */
import type { HistoryRow } from './lanes';
import { ROW_HEIGHT } from './layout';

/** The virtualizer's per-row callbacks for one rows array. */
export interface VirtualRows {
  getItemKey: (index: number) => string;
  estimateSize: (index: number) => number;
}

const byRows = new WeakMap<readonly HistoryRow[], VirtualRows>();

/** The callbacks for `rows`: the same object (and functions) for the same array, new ones for a new array. */
export function virtualRows(rows: readonly HistoryRow[]): VirtualRows {
  let found = byRows.get(rows);
  if (!found) {
    found = {
      getItemKey: (i) => rows[i]!.key,
      estimateSize: (i) => ROW_HEIGHT[rows[i]!.type],
    };
    byRows.set(rows, found);
  }
  return found;
}
