/** Fixed geometry of the history's waterfall (px), shared by the rows, the axis and the benchmark. Pure. */
import type { HistoryRow } from './lanes';

/** Row heights by row type: fixed, so the virtual list needs no measuring. */
export const ROW_HEIGHT: Record<HistoryRow['type'], number> = {
  lane: 26,
  replayed: 20,
  call: 20,
  divergence: 38,
  event: 20,
};

/** Where the track starts and how wide it is, for a waterfall `width` px wide. */
export function columns(width: number): { label: number; track: number } {
  const label = Math.round(Math.min(200, Math.max(110, width * 0.36)));
  return { label, track: Math.max(40, width - label - 10) };
}
