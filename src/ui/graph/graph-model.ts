/**
 * Turns one workflow's plan (+ its layout and the runtime overlay) into React Flow nodes and edges. Pure.
 * Step nodes carry everything their component draws; concurrency groups become frames behind their members.
 */
import { type Edge, type Node, type NodeHandle, Position } from '@xyflow/react';
import type { ControlKind, PlanNode, SourceRange, WorkflowAnalysis } from '../../analysis';
import type { NodeOverlay } from './overlay';
import { type PlanLayout, SPACING } from './stable-layout';

/** What a step node draws. */
export interface StepNodeData extends Record<string, unknown> {
  kind: PlanNode['kind'];
  name: string;
  dynamic: boolean;
  line: number;
  /** Where the node is written (decorator through `def` for steps, the call otherwise). */
  range: SourceRange;
  /** Innermost enclosing control structure (loop or branch), if any. */
  control: ControlKind | null;
  concurrent: boolean;
  overlay: NodeOverlay | null;
}

/** What a concurrency frame draws. */
export interface GroupFrameData extends Record<string, unknown> {
  label: string;
}

export type StepFlowNode = Node<StepNodeData, 'step'>;
export type GroupFrameNode = Node<GroupFrameData, 'group-frame'>;
export type FlowNode = StepFlowNode | GroupFrameNode;

const FRAME_PAD = 12;
/** React Flow's default handle size. */
const HANDLE = 6;

/**
 * Where each step node's handles are, given up front: React Flow otherwise mounts every node once (even with
 * `onlyRenderVisibleElements`) just to measure its handles, which for 500 nodes costs more than the layout.
 */
const STEP_HANDLES: NodeHandle[] = [
  {
    type: 'target',
    position: Position.Left,
    x: -HANDLE / 2,
    y: (SPACING.height - HANDLE) / 2,
    width: HANDLE,
    height: HANDLE,
  },
  {
    type: 'source',
    position: Position.Right,
    x: SPACING.width - HANDLE / 2,
    y: (SPACING.height - HANDLE) / 2,
    width: HANDLE,
    height: HANDLE,
  },
];
const FRAME_LABEL = 18;

const GROUP_LABELS = { concurrent: 'concurrent=True', gather: 'asyncio.gather', wait: 'asyncio.wait' } as const;

/** Node ids in plan order and the edges to lay out (one per pair, whatever its kinds). */
export function layoutInput(analysis: WorkflowAnalysis): { ids: string[]; edges: [string, string][] } {
  const seen = new Set<string>();
  const edges: [string, string][] = [];
  for (const e of analysis.edges) {
    const key = `${e.from}>${e.to}`;
    if (seen.has(key) || e.from === e.to) continue;
    seen.add(key);
    edges.push([e.from, e.to]);
  }
  return { ids: analysis.nodes.map((n) => n.id), edges };
}

function flowEdges(analysis: WorkflowAnalysis): Edge[] {
  const byPair = new Map<string, Edge>();
  for (const e of analysis.edges) {
    if (e.from === e.to) continue;
    const key = `${e.from}>${e.to}`;
    const existing = byPair.get(key);
    if (existing && e.kind === 'order') continue;
    byPair.set(key, {
      id: `${e.kind}:${key}`,
      source: e.from,
      target: e.to,
      className: `plan-edge plan-edge--${e.kind}`,
      type: 'smoothstep',
    });
  }
  return [...byPair.values()];
}

function frames(analysis: WorkflowAnalysis, layout: PlanLayout): GroupFrameNode[] {
  const byMembers = new Map<string, { ids: string[]; labels: string[] }>();
  for (const g of analysis.groups) {
    const key = [...g.nodeIds].sort().join('\n');
    const entry = byMembers.get(key) ?? { ids: g.nodeIds, labels: [] };
    if (!entry.labels.includes(GROUP_LABELS[g.kind])) entry.labels.push(GROUP_LABELS[g.kind]);
    byMembers.set(key, entry);
  }
  const result: GroupFrameNode[] = [];
  for (const [key, { ids, labels }] of byMembers) {
    const points = ids.map((id) => layout.positions.get(id)).filter((p) => p !== undefined);
    if (points.length === 0) continue;
    const minX = Math.min(...points.map((p) => p.x)) - FRAME_PAD;
    const minY = Math.min(...points.map((p) => p.y)) - FRAME_PAD - FRAME_LABEL;
    const maxX = Math.max(...points.map((p) => p.x)) + SPACING.width + FRAME_PAD;
    const maxY = Math.max(...points.map((p) => p.y)) + SPACING.height + FRAME_PAD;
    result.push({
      id: `frame:${key}`,
      type: 'group-frame',
      position: { x: minX, y: minY },
      data: { label: labels.join(' · ') },
      style: { width: maxX - minX, height: maxY - minY, pointerEvents: 'none' },
      selectable: false,
      draggable: false,
      focusable: false,
      zIndex: -1,
      handles: [],
    });
  }
  return result;
}

/** React Flow nodes and edges of `analysis`, placed by `layout`, with the overlay of the selected instance. */
export function buildFlow(
  analysis: WorkflowAnalysis,
  layout: PlanLayout,
  overlay: ReadonlyMap<string, NodeOverlay> | null,
  selectedNodeId: string | null,
): { nodes: FlowNode[]; edges: Edge[] } {
  const steps: StepFlowNode[] = analysis.nodes.map((n) => ({
    id: n.id,
    type: 'step',
    position: layout.positions.get(n.id) ?? { x: 0, y: 0 },
    width: SPACING.width,
    height: SPACING.height,
    handles: STEP_HANDLES,
    selected: n.id === selectedNodeId,
    draggable: false,
    ariaLabel: `${n.kind} ${n.name}, line ${n.line}`,
    data: {
      kind: n.kind,
      name: n.name,
      dynamic: n.dynamicName,
      line: n.line,
      range: n.range,
      control: n.control.at(-1) ?? null,
      concurrent: n.kind === 'do' && n.concurrent,
      overlay: overlay?.get(n.id) ?? null,
    },
  }));
  return { nodes: [...frames(analysis, layout), ...steps], edges: flowEdges(analysis) };
}
