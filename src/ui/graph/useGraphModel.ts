import type { Edge } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import type { WorkflowAnalysis } from '../../analysis';
import type { CallView, InstanceView } from '../../engine';
import { buildFlow, type FlowNode, layoutInput } from './graph-model';
import { callsByNode, unmatchedCalls } from './node-calls';
import { buildOverlay } from './overlay';
import { type PlanLayout, SPACING, stableLayout } from './stable-layout';
import { type Bounds, boundsOf } from './viewport';

/** The graph of one workflow, ready for React Flow, plus calls the plan does not account for. */
export interface GraphModel {
  nodes: FlowNode[];
  edges: Edge[];
  unmatched: CallView[];
  /** Bounding box of the step nodes (for the initial viewport). */
  bounds: Bounds | null;
}

/** Lays out `analysis` (reusing the previous layout while the shape holds) and overlays `view`. */
export function useGraphModel(
  analysis: WorkflowAnalysis | null,
  view: InstanceView | null,
  selectedNodeId: string | null,
): GraphModel {
  const layoutRef = useRef<PlanLayout | null>(null);
  const layout = useMemo(() => {
    if (!analysis) return null;
    const { ids, edges } = layoutInput(analysis);
    layoutRef.current = stableLayout(layoutRef.current, ids, edges);
    return layoutRef.current;
  }, [analysis]);
  const { overlay, unmatched } = useMemo(() => {
    if (!analysis || !view) return { overlay: null, unmatched: [] };
    const byNode = callsByNode(analysis, view);
    return { overlay: buildOverlay(analysis, view, byNode), unmatched: unmatchedCalls(view, byNode) };
  }, [analysis, view]);
  const bounds = useMemo(
    () => (layout ? boundsOf(layout.positions.values(), SPACING.width, SPACING.height) : null),
    [layout],
  );
  return useMemo(() => {
    if (!analysis || !layout) return { nodes: [], edges: [], unmatched, bounds: null };
    return { ...buildFlow(analysis, layout, overlay, selectedNodeId), unmatched, bounds };
  }, [analysis, layout, overlay, selectedNodeId, unmatched, bounds]);
}
