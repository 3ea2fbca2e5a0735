/**
 * How many toolbar actions go into the overflow menu ("More"), the last ones first. Pure: given the toolbar's
 * overflow now (px it is too wide by), its free room (px the spacer takes), and the measured width of every
 * action when it was last on the bar, move one action a step so each render converges to the most that fit.
 */

/** What the toolbar measured after a render. */
export interface OverflowMeasure {
  /** Actions that may collapse, in bar order (the last collapse first). */
  count: number;
  /** How many are in the menu now. */
  hidden: number;
  /** Px the toolbar's content is wider than the toolbar (0 when it fits). */
  overflowPx: number;
  /** Px of free room on the bar (the spacer's width). */
  freePx: number;
  /** Width of each action (with its gap) when it was last on the bar; undefined if never measured. */
  widths: readonly (number | undefined)[];
  /** Width of the "More" button (with its gap): the room it gives back when the menu empties. */
  moreWidth: number;
}

/** Room kept free before an action comes back, so the bar does not flip at the edge. */
export const SLACK_PX = 8;

/** The next number of hidden actions: one more while overflowing, one fewer when the next one fits again. */
export function nextHidden(m: OverflowMeasure): number {
  if (m.overflowPx > 0) return Math.min(m.count, m.hidden + 1);
  if (m.hidden === 0) return 0;
  const back = m.widths[m.count - m.hidden];
  if (back === undefined) return m.hidden;
  const room = m.freePx + (m.hidden === 1 ? m.moreWidth : 0);
  return room >= back + SLACK_PX ? m.hidden - 1 : m.hidden;
}
