import { type RefObject, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { nextHidden } from './overflow';

/** Marks an element of the bar as collapsible action `index` (bar order). */
export const COLLAPSE_ATTR = 'data-collapse-index';
/** Marks the "More" button. */
export const MORE_ATTR = 'data-overflow-more';
/** Until the More button was measured: about its width with the gap. */
const MORE_GUESS_PX = 72;

const widthOf = (el: Element) => {
  const r = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return r.width + Number.parseFloat(style.marginLeft) + Number.parseFloat(style.marginRight);
};

/**
 * How many of the bar's `count` collapsible actions go into the overflow menu: measured after every render
 * and whenever the bar or anything on it changes size, one action at a time until the bar fits (see
 * `overflow.ts`). The bar needs a `.toolbar__spacer` (its free room).
 */
export function useToolbarOverflow(bar: RefObject<HTMLElement | null>, count: number, gapPx: number): number {
  const [hidden, setHidden] = useState(0);
  const [, remeasure] = useState(0);
  const widths = useRef<(number | undefined)[]>([]);
  const moreWidth = useRef(MORE_GUESS_PX);

  useLayoutEffect(() => {
    const el = bar.current;
    if (!el) return;
    for (const item of el.querySelectorAll(`[${COLLAPSE_ATTR}]`)) {
      widths.current[Number(item.getAttribute(COLLAPSE_ATTR))] = widthOf(item) + gapPx;
    }
    const more = el.querySelector(`[${MORE_ATTR}]`);
    if (more) moreWidth.current = widthOf(more) + gapPx;
    const spacer = el.querySelector('.toolbar__spacer');
    const next = nextHidden({
      count,
      hidden,
      overflowPx: Math.max(0, el.scrollWidth - el.clientWidth),
      freePx: spacer ? spacer.getBoundingClientRect().width : 0,
      widths: widths.current.slice(0, count),
      moreWidth: moreWidth.current,
    });
    if (next !== hidden) setHidden(next);
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: the bar's buttons change with `hidden`; observe the new ones.
  useEffect(() => {
    const el = bar.current;
    if (!el) return;
    const observer = new ResizeObserver(() => remeasure((n) => n + 1));
    observer.observe(el);
    for (const child of el.querySelectorAll(':scope > *, :scope > * > *')) observer.observe(child);
    return () => observer.disconnect();
  }, [bar, hidden]);

  return hidden;
}
