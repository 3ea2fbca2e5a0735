/**
 * Zoom of the history's time axis: a factor over "fits all" (1×, the default). The axis is laid out `zoom`
 * times as wide as the track and scrolls sideways; zooming keeps the moment under the pointer (or the middle
 * of the view) where it was. Pure.
 */
import type { TimeAxis } from './time-axis';

/** Fits all: the whole journal in the track's width. */
export const MIN_ZOOM = 1;
/** 512× the track: a run that is 1 px wide at 1× is half a screen wide. */
export const MAX_ZOOM = 512;
/** One press of +/− or a button. */
export const ZOOM_STEP = 1.5;

export const clampZoom = (z: number): number => (Number.isFinite(z) ? Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z)) : 1);

/** One step in (`+1`) or out (`-1`). */
export const stepZoom = (zoom: number, direction: 1 | -1): number =>
  clampZoom(direction > 0 ? zoom * ZOOM_STEP : zoom / ZOOM_STEP);

/** A wheel turn with Ctrl/⌘: 100 px of `deltaY` (one notch) is one step; up zooms in. */
export const wheelZoom = (zoom: number, deltaY: number): number => clampZoom(zoom * ZOOM_STEP ** (-deltaY / 100));

/** The zoom level as the history shows it: "fit" at 1×, else "2.3×", "12×", "512×". */
export function formatZoom(zoom: number): string {
  if (zoom <= MIN_ZOOM) return 'fit';
  return `${zoom < 10 ? zoom.toFixed(1).replace(/\.0$/, '') : Math.round(zoom)}×`;
}

/**
 * Where to scroll the track after zooming from axis `before` (scrolled to `scrollLeft`) to `after`, so the moment
 * at `anchor` px from the view's left edge stays there. `view` is the visible track width. Clamped to the axis.
 */
export function anchoredScroll(before: TimeAxis, after: TimeAxis, scrollLeft: number, anchor: number, view: number) {
  const t = before.toTime(scrollLeft + anchor);
  return clampScroll(after.toX(t) - anchor, after.width, view);
}

/** A scroll offset that shows x = `x` in the middle of the view, or unchanged when x is already in view. */
export function scrollToShow(x: number, scrollLeft: number, width: number, view: number): number {
  if (x >= scrollLeft && x <= scrollLeft + view) return scrollLeft;
  return clampScroll(x - view / 2, width, view);
}

const clampScroll = (left: number, width: number, view: number) => Math.max(0, Math.min(width - view, left));
