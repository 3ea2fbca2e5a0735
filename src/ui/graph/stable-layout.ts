/**
 * Layout that stays put while the user types. A plan is re-laid out only when its shape changes; a rename
 * keeps every position; a real change keeps the graph anchored where the persisting nodes were, so the view
 * does not jump. Small plans use dagre (the look people know), big ones the linear {@link layeredLayout}.
 */
import { layout as dagreLayout, Graph } from '@dagrejs/dagre';
import { type LayoutSpacing, layeredLayout, type Point } from './layered-layout';

/** Node size and gaps of the plan graph. */
export const SPACING: LayoutSpacing = { width: 184, height: 64, nodeGap: 24, rankGap: 40 };

/** Above this many nodes dagre takes too long for the as-you-type budget. */
export const DAGRE_MAX_NODES = 120;

/** A computed layout and the keys that tell whether the next plan can reuse it. */
export interface PlanLayout {
  /** Node ids and edges, exactly. */
  key: string;
  /** The same with ids replaced by their index: equal when only names changed. */
  shapeKey: string;
  ids: readonly string[];
  positions: ReadonlyMap<string, Point>;
}

type EdgeList = readonly (readonly [string, string])[];

function dagrePositions(ids: readonly string[], edges: EdgeList, s: LayoutSpacing): Map<string, Point> {
  const g = new Graph();
  g.setGraph({ rankdir: 'LR', nodesep: s.nodeGap, ranksep: s.rankGap });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of ids) g.setNode(id, { width: s.width, height: s.height });
  for (const [from, to] of edges) g.setEdge(from, to);
  dagreLayout(g);
  return new Map(
    ids.map((id) => {
      const { x, y } = g.node(id);
      return [id, { x: x - s.width / 2, y: y - s.height / 2 }];
    }),
  );
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** Lays out `ids` + `edges`, reusing or anchoring on `prev` so that persisting nodes do not jump. */
export function stableLayout(
  prev: PlanLayout | null,
  ids: readonly string[],
  edges: EdgeList,
  spacing: LayoutSpacing = SPACING,
): PlanLayout {
  const present = new Set(ids);
  const validEdges = edges.filter(([a, b]) => present.has(a) && present.has(b));
  const key = `${ids.join('\n')}|${validEdges.map(([a, b]) => `${a}>${b}`).join('\n')}`;
  if (prev && prev.key === key) return prev;
  const index = new Map(ids.map((id, i) => [id, i]));
  const shapeKey = `${ids.length}|${validEdges.map(([a, b]) => `${index.get(a)}>${index.get(b)}`).join(',')}`;
  if (prev && prev.shapeKey === shapeKey) {
    const positions = new Map(ids.map((id, i) => [id, prev.positions.get(prev.ids[i] ?? '') ?? { x: 0, y: 0 }]));
    return { key, shapeKey, ids, positions };
  }
  const fresh =
    ids.length <= DAGRE_MAX_NODES ? dagrePositions(ids, validEdges, spacing) : layeredLayout(ids, validEdges, spacing);
  const kept = prev ? ids.filter((id) => prev.positions.has(id)) : [];
  if (prev && kept.length > 0) {
    const dx = median(kept.map((id) => prev.positions.get(id)!.x - fresh.get(id)!.x));
    const dy = median(kept.map((id) => prev.positions.get(id)!.y - fresh.get(id)!.y));
    for (const [id, p] of fresh) fresh.set(id, { x: p.x + dx, y: p.y + dy });
  }
  return { key, shapeKey, ids, positions: fresh };
}
