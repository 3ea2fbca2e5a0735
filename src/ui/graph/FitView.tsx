import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';

/** Fits the graph into view when `watch` changes (another file or class), not on every edit. */
export function FitView({ watch }: { watch: string }) {
  const { fitView } = useReactFlow();
  // biome-ignore lint/correctness/useExhaustiveDependencies: refitting is exactly what a change of `watch` asks for
  useEffect(() => {
    const id = requestAnimationFrame(() => void fitView({ maxZoom: 1, minZoom: 0.45, padding: 0.12 }));
    return () => cancelAnimationFrame(id);
  }, [watch, fitView]);
  return null;
}
