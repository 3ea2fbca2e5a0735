import { Graph, layout } from '@dagrejs/dagre';
import { type Edge, type Node, Position } from '@xyflow/react';

/** One call in the workflow's plan: a step, a sleep or an event wait. */
export interface PlanNode {
  id: string;
  label: string;
  kind: 'do' | 'sleep' | 'wait';
}

/** The plan of a workflow as a graph: `source` must finish before `target` can start. */
export interface PlanGraph {
  nodes: PlanNode[];
  edges: { source: string; target: string }[];
}

const NODE_WIDTH = 160;
const NODE_HEIGHT = 40;

/** Lays the plan out left to right (dagre) and turns it into React Flow nodes with handles on the LR sides. */
export function toFlow(plan: PlanGraph): { nodes: Node[]; edges: Edge[] } {
  const g = new Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 48 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of plan.nodes) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of plan.edges) g.setEdge(e.source, e.target);
  layout(g);
  const nodes: Node[] = plan.nodes.map((n) => {
    const { x, y } = g.node(n.id);
    return {
      id: n.id,
      data: { label: n.label },
      className: `plan-node plan-node--${n.kind}`,
      position: { x: x - NODE_WIDTH / 2, y: y - NODE_HEIGHT / 2 },
      sourcePosition: Position.Right,
      targetPosition: Position.Left,
    };
  });
  const edges: Edge[] = plan.edges.map((e) => ({ id: `${e.source}->${e.target}`, source: e.source, target: e.target }));
  return { nodes, edges };
}
