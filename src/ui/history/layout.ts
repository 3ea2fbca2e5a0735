/** Fixed geometry of the history's waterfall (px), shared by the rows, the axis and the benchmark. Pure. */
import type { HistoryRow } from './lanes';

/** Row heights by row type: fixed, so the virtual list needs no measuring. */
export const ROW_HEIGHT: Record<HistoryRow['type'], number> = {
  lane: 26,
  replayed: 20,
  call: 20,
  divergence: 52,
  event: 20,
  output: 17,
};

/** Room right of the track (px), so the last mark is not cut by the edge. */
export const TRACK_END = 10;

/**
 * Where the track starts and how wide its visible part is, for a waterfall `width` px wide. The label column is
 * never narrower than the axis' zoom controls and scale toggle (about 115 px), or they would cover its start time.
 */
export function columns(width: number): { label: number; track: number } {
  const label = Math.round(Math.min(200, Math.max(124, width * 0.36)));
  return { label, track: Math.max(40, width - label - TRACK_END) };
}

/** Approximate width of one character of the track's 10 px text. */
const CHAR_PX = 5.6;

/**
 * Where `chars` characters of words about a bar from `x` to `x + w` go without covering it: right of its end,
 * else left of its start, else as far right as the track allows. A `left` in px within the track.
 */
export function besideBar(x: number, w: number, width: number, chars: number): { left: number } {
  const textWidth = chars * CHAR_PX + 4;
  if (x + w + 3 + textWidth <= width) return { left: x + w + 3 };
  if (x - textWidth - 2 >= 0) return { left: x - textWidth - 2 };
  return { left: Math.max(0, width - textWidth) };
}
