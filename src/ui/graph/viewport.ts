/**
 * The graph's initial viewport, computed from the layout (no DOM measuring): fit the plan when it fits at a
 * readable zoom; otherwise show its start (runs begin on the left) at the smallest readable zoom. Pure.
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
