import { type KeyboardEvent, type RefObject, useCallback, useLayoutEffect, useRef } from 'react';
import { appStore, selectHistoryZoom, selectSelectedInstanceId, useAppStore } from '../../store';
import { toggleHistoryScale } from './ScaleToggle';
import type { TimeAxis } from './time-axis';
import { anchoredScroll, MIN_ZOOM, scrollToShow, stepZoom, wheelZoom } from './zoom';

/** The zoom of the selected instance's history and the commands that change it (buttons, keys). */
export function useZoomCommands() {
  const zoom = useAppStore(selectHistoryZoom);
  const id = useAppStore(selectSelectedInstanceId);
  const set = useCallback((z: number) => id !== null && appStore.getState().setHistoryZoom(id, z), [id]);
  return {
    zoom,
    zoomIn: () => set(stepZoom(zoom, 1)),
    zoomOut: () => set(stepZoom(zoom, -1)),
    fit: () => set(MIN_ZOOM),
    set,
  };
}

/**
 * `+`/`=` zoom in, `-` out, `0` fits all, `T` toggles compact / to scale, while focus is anywhere in the history (not in a text field, and
 * without Ctrl/⌘/Alt, which stay the browser's page zoom).
 */
export function useZoomKeys() {
  const { zoomIn, zoomOut, fit } = useZoomCommands();
  return (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target as HTMLElement;
    if (
      t.isContentEditable ||
      (t instanceof HTMLInputElement && t.type !== 'range') ||
      t instanceof HTMLTextAreaElement
    )
      return;
    const act =
      e.key === '+' || e.key === '='
        ? zoomIn
        : e.key === '-'
          ? zoomOut
          : e.key === '0'
            ? fit
            : e.key === 't' || e.key === 'T'
              ? toggleHistoryScale
              : null;
    if (!act) return;
    e.preventDefault();
    act();
  };
}

interface Wiring {
  /** The waterfall's root: carries `--pan` (the sideways scroll) for the axis, breaks and cursor. */
  rootRef: RefObject<HTMLDivElement | null>;
  /** The rows' scroll container (scrolls both ways). */
  scrollRef: RefObject<HTMLDivElement | null>;
  axis: TimeAxis;
  /** Where the track starts in the scroll container, and how wide its visible part is (px). */
  label: number;
  view: number;
  /** x of the time-travel cursor on the axis, or null when live. */
  cursor: number | null;
}

/**
 * Sideways scrolling of the zoomed axis: Ctrl/⌘ + wheel zooms around the pointer, a zoom from a button or key
 * around the middle of the view, and a time-travel cursor that leaves the view is scrolled back into it. The
 * scroll offset goes to `--pan` straight on the DOM, so panning re-renders nothing.
 */
export function useTrackPan({ rootRef, scrollRef, axis, label, view, cursor }: Wiring) {
  const { zoom, set } = useZoomCommands();
  const latest = useRef({ zoom, set, label, view });
  latest.current = { zoom, set, label, view };
  const scroll = useRef(0);
  const anchor = useRef<number | null>(null);
  const shown = useRef(axis);

  const panTo = useCallback(
    (left: number) => {
      const el = scrollRef.current;
      scroll.current = left;
      rootRef.current?.style.setProperty('--pan', `${left}px`);
      if (el && Math.abs(el.scrollLeft - left) >= 1) el.scrollLeft = left;
    },
    [rootRef, scrollRef],
  );

  // A layout effect, in a hook Waterfall calls before useVirtualizer: this scroll listener is added before the
  // virtualizer's, so it runs first on every scroll, while layout is still clean and reading scrollLeft costs nothing.
  // Run after it, the read would force a layout of the rows the virtualizer has just re-rendered (flushSync).
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => {
      if (el.scrollLeft === scroll.current) return;
      scroll.current = el.scrollLeft;
      rootRef.current?.style.setProperty('--pan', `${el.scrollLeft}px`);
    };
    // Not React's onWheel: that listener is passive, and the page must not zoom as well.
    const onWheel = (e: WheelEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      e.preventDefault();
      const { zoom, set, label, view } = latest.current;
      const x = e.clientX - el.getBoundingClientRect().left - label;
      anchor.current = Math.max(0, Math.min(view, x));
      set(wheelZoom(zoom, e.deltaMode === 1 ? e.deltaY * 33 : e.deltaY));
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      el.removeEventListener('scroll', onScroll);
      el.removeEventListener('wheel', onWheel);
    };
  }, [rootRef, scrollRef]);

  // A wider or narrower axis (zoom, or the pane resized): keep the moment at the anchor where it was.
  useLayoutEffect(() => {
    const before = shown.current;
    shown.current = axis;
    if (before.width === axis.width) return;
    const at = anchor.current ?? view / 2;
    anchor.current = null;
    panTo(anchoredScroll(before, axis, scroll.current, at, view));
  }, [axis, view, panTo]);

  // Time travel: the cursor stays in view.
  useLayoutEffect(() => {
    if (cursor === null || axis.width <= view) return;
    const left = scrollToShow(cursor, scroll.current, axis.width, view);
    if (left !== scroll.current) panTo(left);
  }, [cursor, axis, view, panTo]);
}
