import { type ReactFlowState, useReactFlow, useStore } from '@xyflow/react';
import { type RefObject, useLayoutEffect } from 'react';
import { type Bounds, fitViewport } from './viewport';

interface FitViewProps {
  /** Refit when this changes (another file or class), not on every edit. */
  watch: string;
  bounds: Bounds | null;
  pane: RefObject<HTMLElement | null>;
}

/** React Flow can move the viewport once its pan/zoom handler exists (created in one of its effects). */
const selectCanPan = (s: ReactFlowState) => s.panZoom !== null;
/** The pane's size as React Flow measured it (its own ResizeObserver). */
const selectSize = (s: ReactFlowState) => `${s.width}x${s.height}`;

/**
 * Sets the viewport from the layout before the browser paints, so the graph never appears and then jumps; again
 * when the pane changes size (a panel opened or dragged, the window resized), so a plan that fits is never left
 * cut off at the old size.
 */
export function FitView({ watch, bounds, pane }: FitViewProps) {
  const { setViewport } = useReactFlow();
  const canPan = useStore(selectCanPan);
  const size = useStore(selectSize);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refitting is exactly what a change of `watch` or of the pane's size asks for; `bounds` changes as you type and must not refit
  useLayoutEffect(() => {
    const el = pane.current;
    if (!canPan || !bounds || !el || el.clientWidth === 0) return;
    void setViewport(fitViewport(bounds, { width: el.clientWidth, height: el.clientHeight }));
  }, [watch, canPan, size, setViewport]);
  return null;
}
