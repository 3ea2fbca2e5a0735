import { useEffect } from 'react';

/** Set on <html> for the frames in which the colour scheme flips; theme.css turns transitions off under it. */
export const SCHEME_SWITCHING_ATTR = 'data-scheme-switching';

/**
 * Keeps colour transitions meant for status changes (a graph node going running → done fades in 0.2 s) from
 * running when the OS colour scheme flips: every node then faded from its light colours, and a look (or a
 * screenshot) in that moment showed finished nodes washed out. While the attribute is set, transitions are
 * off, which also cancels one already started, so the new scheme's colours apply at once.
 */
export function installSchemeSwitchGuard(win: Window = window): () => void {
  const mq = win.matchMedia('(prefers-color-scheme: dark)');
  const root = win.document.documentElement;
  let frame = 0;
  const onChange = () => {
    root.setAttribute(SCHEME_SWITCHING_ATTR, '');
    win.cancelAnimationFrame(frame);
    // Two frames: the one that restyles with the new colours, then the attribute goes.
    frame = win.requestAnimationFrame(() => {
      frame = win.requestAnimationFrame(() => root.removeAttribute(SCHEME_SWITCHING_ATTR));
    });
  };
  mq.addEventListener('change', onChange);
  return () => {
    mq.removeEventListener('change', onChange);
    win.cancelAnimationFrame(frame);
    root.removeAttribute(SCHEME_SWITCHING_ATTR);
  };
}

/** {@link installSchemeSwitchGuard} for the lifetime of the component. */
export function useSchemeSwitchWithoutFades(): void {
  useEffect(() => installSchemeSwitchGuard(), []);
}
