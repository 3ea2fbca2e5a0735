import { useEffect, useRef, useState } from 'react';
import { appStore } from '../../store';
import { GraphPane } from '../graph/GraphPane';
import { PlanProvider } from '../plan/PlanProvider';
import { generateWorkflowSource } from './generate-source';

/** What one measurement reports (ms on the page's clock). */
export interface GraphBenchResult {
  totalMs: number;
  analysisMs: number;
  nodes: number;
}

declare global {
  interface Window {
    /** Set by `?bench=graph`: `start()` mounts the graph for the generated source and times it to first paint. */
    __benchGraph?: { start(): Promise<GraphBenchResult> };
  }
}

const nextPaint = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));

/** Resolves when the graph's step nodes are in the DOM and two frames have been presented. */
function PaintProbe({ onPainted }: { onPainted(): void }) {
  useEffect(() => {
    let live = true;
    const check = async () => {
      while (live && document.querySelectorAll('.react-flow__node-step').length === 0) await nextPaint();
      await nextPaint();
      if (live) onPainted();
    };
    void check();
    return () => {
      live = false;
    };
  }, [onPainted]);
  return null;
}

/**
 * `?bench=graph&steps=500`: the studio's real graph pane for a generated source, timed from "source in the
 * store" through analysis, layout and React Flow rendering to the first frame with nodes on screen.
 */
export function GraphBench({ steps }: { steps: number }) {
  const [started, setStarted] = useState(false);
  const done = useRef<{ t0: number; resolve(r: GraphBenchResult): void } | null>(null);
  useEffect(() => {
    const source = generateWorkflowSource(steps);
    window.__benchGraph = {
      start: () =>
        new Promise((resolve) => {
          const t0 = performance.now();
          done.current = { t0, resolve };
          appStore.getState().openFile('bench', source);
          setStarted(true);
        }),
    };
  }, [steps]);
  const onPainted = () => {
    const d = done.current;
    if (!d) return;
    const graph = document.querySelector('[data-testid="graph"]');
    d.resolve({
      totalMs: performance.now() - d.t0,
      analysisMs: Number(graph?.getAttribute('data-analysis-ms') ?? Number.NaN),
      nodes: document.querySelectorAll('.react-flow__node-step').length,
    });
  };
  if (!started) return <p data-testid="bench-idle">Graph benchmark: {steps} steps, waiting for start().</p>;
  return (
    <div style={{ height: '100vh' }}>
      <PlanProvider>
        <GraphPane />
        <PaintProbe onPainted={onPainted} />
      </PlanProvider>
    </div>
  );
}
