/**
 * The graph's viewport, computed from the layout (no DOM measuring): fit the plan when it fits at a
 * readable zoom; otherwise show its start (runs begin on the left) at the smallest readable zoom, and scroll the
 * rest into view (scrollbars, the wheel) rather than shrink it. Pure.
 */

/** A rectangle in graph coordinates. */
export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** React Flow's viewport: translation and zoom. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** Limits of {@link fitViewport}. */
export interface FitOptions {
  padding: number;
  minZoom: number;
  maxZoom: number;
}

/**
 * The smallest CSS font size of any text in a node or a group frame (kind, line, chips, overlay, group label:
 * 11 px in graph.css; the name is 12.5 px).
 */
export const NODE_LABEL_PX = 11;
/** The smallest any node text may appear at the default zoom: past this, the graph scrolls instead of shrinking. */
export const MIN_LABEL_PX = 11;

/** Readable: the default fit never zooms out so far that any node text falls below {@link MIN_LABEL_PX}. */
export const FIT: FitOptions = { padding: 24, minZoom: MIN_LABEL_PX / NODE_LABEL_PX, maxZoom: 1 };

/** The bounding box of nodes of one size at the given top-left corners; null when there are none. */
export function boundsOf(points: Iterable<{ x: number; y: number }>, width: number, height: number): Bounds | null {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + width);
    maxY = Math.max(maxY, p.y + height);
  }
  return minX === Number.POSITIVE_INFINITY ? null : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** The viewport that fits `bounds` into a pane, centred; when it cannot fit at `minZoom`, top-left aligned. */
export function fitViewport(bounds: Bounds, pane: { width: number; height: number }, o: FitOptions = FIT): Viewport {
  const availW = Math.max(1, pane.width - 2 * o.padding);
  const availH = Math.max(1, pane.height - 2 * o.padding);
  const zoom = Math.min(o.maxZoom, Math.max(o.minZoom, Math.min(availW / bounds.width, availH / bounds.height)));
  const axis = (start: number, size: number, avail: number, paneSize: number) =>
    size * zoom <= avail ? (paneSize - size * zoom) / 2 - start * zoom : o.padding - start * zoom;
  return {
    x: axis(bounds.x, bounds.width, availW, pane.width),
    y: axis(bounds.y, bounds.height, availH, pane.height),
    zoom,
  };
}

/** Where the plan stands on one axis of the pane, for its scrollbar: the padded plan's length and its offset. */
export interface ScrollAxis {
  /** The plan's length on screen plus the padding on both sides (px): what the scrollbar scrolls over. */
  content: number;
  /** How far it is scrolled (px): 0 when the plan's start sits at the padding; not clamped. */
  offset: number;
}

type Axis = 'x' | 'y';
const SIZE = { x: 'width', y: 'height' } as const;

/** The pane's scroll position on `axis` at viewport `v`. */
export function scrollAxis(bounds: Bounds, v: Viewport, axis: Axis, padding = FIT.padding): ScrollAxis {
  return {
    content: bounds[SIZE[axis]] * v.zoom + 2 * padding,
    offset: padding - (v[axis] + bounds[axis] * v.zoom),
  };
}

/** Whether the padded plan runs past the pane on `axis` (it then has a scrollbar). */
export function overflows(bounds: Bounds, v: Viewport, pane: { width: number; height: number }, axis: Axis): boolean {
  return scrollAxis(bounds, v, axis).content > pane[SIZE[axis]] + 0.5;
}

/** The viewport scrolled to `offset` on `axis` (the inverse of {@link scrollAxis}); the zoom stays. */
export function scrolledTo(bounds: Bounds, v: Viewport, axis: Axis, offset: number, padding = FIT.padding): Viewport {
  return { ...v, [axis]: padding - bounds[axis] * v.zoom - offset };
}

/**
 * The viewport after a wheel turn of `delta` px: it scrolls the plan, on each axis it overflows, between its
 * start and its end (a plan that fits on an axis does not move on it). A plain wheel (vertical only) scrolls a
 * plan that overflows only sideways sideways, as a wide page would. A viewport panned past an end (by dragging)
 * is not pulled back, only kept from going further.
 */
export function wheelScrolled(
  bounds: Bounds,
  v: Viewport,
  pane: { width: number; height: number },
  delta: { x: number; y: number },
): Viewport {
  const sideways = delta.x === 0 && !overflows(bounds, v, pane, 'y');
  const d = sideways ? { x: delta.y, y: 0 } : delta;
  let next = v;
  for (const axis of ['x', 'y'] as const) {
    if (d[axis] === 0 || !overflows(bounds, v, pane, axis)) continue;
    const { content, offset } = scrollAxis(bounds, v, axis);
    const end = content - pane[SIZE[axis]];
    const to = Math.min(Math.max(offset, end), Math.max(Math.min(offset, 0), offset + d[axis]));
    next = scrolledTo(bounds, next, axis, to);
  }
  return next;
}
