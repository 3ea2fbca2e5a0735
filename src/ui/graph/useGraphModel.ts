import type { Edge } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import type { WorkflowAnalysis } from '../../analysis';
import type { CallView, InstanceView } from '../../engine';
import { buildFlow, type FlowNode, layoutInput } from './graph-model';
import { callsByNode, unmatchedCalls } from './node-calls';
import { buildOverlay } from './overlay';
import { type PlanLayout, stableLayout } from './stable-layout';

/** The graph of one workflow, ready for React Flow, plus calls the plan does not account for. */
export interface GraphModel {
  nodes: FlowNode[];
  edges: Edge[];
  unmatched: CallView[];
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
  return useMemo(() => {
    if (!analysis || !layout) return { nodes: [], edges: [], unmatched };
    return { ...buildFlow(analysis, layout, overlay, selectedNodeId), unmatched };
  }, [analysis, layout, overlay, selectedNodeId, unmatched]);
}
