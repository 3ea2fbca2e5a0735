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

/** Sets the viewport from the layout before the browser paints, so the graph never appears and then jumps. */
export function FitView({ watch, bounds, pane }: FitViewProps) {
  const { setViewport } = useReactFlow();
  const canPan = useStore(selectCanPan);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refitting is exactly what a change of `watch` asks for; `bounds` changes as you type and must not refit
  useLayoutEffect(() => {
    const el = pane.current;
    if (!canPan || !bounds || !el || el.clientWidth === 0) return;
    void setViewport(fitViewport(bounds, { width: el.clientWidth, height: el.clientHeight }));
  }, [watch, canPan, setViewport]);
  return null;
}
