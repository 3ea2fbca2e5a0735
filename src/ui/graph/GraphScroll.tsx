import { type ReactFlowState, useReactFlow, useStore } from '@xyflow/react';
import { type KeyboardEvent as ReactKeyboardEvent, type RefObject, useEffect, useRef } from 'react';
import { type Bounds, overflows, scrollAxis, scrolledTo, type Viewport, wheelScrolled } from './viewport';

interface GraphScrollProps {
  bounds: Bounds | null;
  /** The graph pane: its wheel scrolls the plan. */
  pane: RefObject<HTMLElement | null>;
}

const selectView = (s: ReactFlowState) => ({ x: s.transform[0], y: s.transform[1], zoom: s.transform[2] });
const sameView = (a: Viewport, b: Viewport) => a.x === b.x && a.y === b.y && a.zoom === b.zoom;
const selectSize = (s: ReactFlowState) => ({ width: s.width, height: s.height });
const sameSize = (a: { width: number; height: number }, b: { width: number; height: number }) =>
  a.width === b.width && a.height === b.height;

/**
 * Scrolling for a plan too big to show whole at a readable zoom (viewport.ts): a scrollbar on each axis the plan
 * runs past the pane, drawn from the viewport and moving it, and the wheel scrolls (Ctrl/⌘ + wheel and a
 * pinch still zoom, as React Flow does).
 */
export function GraphScroll({ bounds, pane }: GraphScrollProps) {
  const { setViewport } = useReactFlow();
  const view = useStore(selectView, sameView);
  const size = useStore(selectSize, sameSize);
  const latest = useRef({ bounds, view, size });
  latest.current = { bounds, view, size };

  useEffect(() => {
    const el = pane.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const { bounds: b, view: v, size: s } = latest.current;
      // Ctrl/⌘ + wheel (and a trackpad pinch, which Chromium reports with ctrlKey) goes on to React Flow's zoom.
      if (e.ctrlKey || e.metaKey || !b || (!overflows(b, v, s, 'x') && !overflows(b, v, s, 'y'))) return;
      e.preventDefault();
      e.stopPropagation();
      const line = e.deltaMode === 1 ? 20 : 1;
      void setViewport(wheelScrolled(b, v, s, { x: e.deltaX * line, y: e.deltaY * line }));
    };
    el.addEventListener('wheel', onWheel, { capture: true, passive: false });
    return () => el.removeEventListener('wheel', onWheel, { capture: true });
  }, [pane, setViewport]);

  if (!bounds || size.width === 0) return null;
  return (
    <>
      {overflows(bounds, view, size, 'x') && <Scrollbar axis="x" bounds={bounds} view={view} pane={size.width} />}
      {overflows(bounds, view, size, 'y') && <Scrollbar axis="y" bounds={bounds} view={view} pane={size.height} />}
    </>
  );
}

/** How far the arrow keys scroll (px); Page Up/Down scroll a pane's length. */
const KEY_STEP = 40;

/**
 * One scrollbar along the pane's edge, drawn (not native: a native one is hidden until used on macOS and in
 * headless Chromium, and the point is to show there is more): its thumb is the pane's share of the plan, where
 * it is. Drag the thumb, click the track to page, or focus it and use the arrow keys, Page Up/Down, Home, End.
 */
function Scrollbar({ axis, bounds, view, pane }: { axis: 'x' | 'y'; bounds: Bounds; view: Viewport; pane: number }) {
  const { setViewport } = useReactFlow();
  const track = useRef<HTMLDivElement>(null);
  const drag = useRef<{ from: number; offset: number } | null>(null);
  const { content, offset } = scrollAxis(bounds, view, axis);
  const end = content - pane;
  const clamp = (to: number) => Math.min(end, Math.max(0, to));
  const scrollTo = (to: number) => void setViewport(scrolledTo(bounds, view, axis, clamp(to)));
  const shown = clamp(offset);
  const thumb = { start: (shown / content) * 100, size: (pane / content) * 100 };
  const at = (e: { clientX: number; clientY: number }) => (axis === 'x' ? e.clientX : e.clientY);
  /** Screen px along the track → plan px. */
  const scale = () => content / ((axis === 'x' ? track.current?.clientWidth : track.current?.clientHeight) || pane);

  const onKeyDown = (e: ReactKeyboardEvent) => {
    const back = axis === 'x' ? 'ArrowLeft' : 'ArrowUp';
    const on = axis === 'x' ? 'ArrowRight' : 'ArrowDown';
    const by: Record<string, number | undefined> = { [back]: -KEY_STEP, [on]: KEY_STEP, PageUp: -pane, PageDown: pane };
    const step = by[e.key];
    if (e.key === 'Home') scrollTo(0);
    else if (e.key === 'End') scrollTo(end);
    else if (step !== undefined) scrollTo(shown + step);
    else return;
    e.preventDefault();
  };

  return (
    <div
      ref={track}
      className={`graph__scroll graph__scroll--${axis}`}
      data-testid={`graph-scroll-${axis}`}
      onPointerDown={(e) => {
        // The track, not the thumb: a page toward where it was pressed.
        if (e.target !== track.current) return;
        const box = track.current.getBoundingClientRect();
        const pressed = (at(e) - (axis === 'x' ? box.left : box.top)) * scale();
        scrollTo(shown + (pressed < shown ? -pane : pane));
      }}
    >
      <div
        className="graph__scroll-thumb"
        data-testid={`graph-scroll-${axis}-thumb`}
        role="scrollbar"
        aria-controls="graph-canvas"
        aria-orientation={axis === 'x' ? 'horizontal' : 'vertical'}
        aria-label={axis === 'x' ? 'Scroll the graph sideways' : 'Scroll the graph up and down'}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={end > 0 ? Math.round((shown / end) * 100) : 0}
        tabIndex={0}
        style={
          axis === 'x'
            ? { left: `${thumb.start}%`, width: `${thumb.size}%` }
            : { top: `${thumb.start}%`, height: `${thumb.size}%` }
        }
        onKeyDown={onKeyDown}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          drag.current = { from: at(e), offset: shown };
        }}
        onPointerMove={(e) => {
          if (drag.current) scrollTo(drag.current.offset + (at(e) - drag.current.from) * scale());
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
        onPointerCancel={() => {
          drag.current = null;
        }}
      />
    </div>
  );
}
