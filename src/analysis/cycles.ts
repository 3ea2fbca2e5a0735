import { createDiagnostic } from './diagnostics.ts';
import type { Diagnostic, PlanEdge, PlanNode, PlanNodeId } from './types.ts';

/**
 * Report each cycle among dependency edges once. A cycle recurses forever at runtime: the SDK only marks a
 * step in flight after its dependencies resolved, so `a(b)` + `b(a)` keeps calling each other.
 */
export function checkDependencyCycles(nodes: PlanNode[], edges: PlanEdge[], diagnostics: Diagnostic[]): void {
  const next = new Map<PlanNodeId, PlanNodeId[]>();
  for (const e of edges) if (e.kind === 'dependency') next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const state = new Map<PlanNodeId, 'open' | 'done'>();
  const path: PlanNodeId[] = [];
  const reported = new Set<string>();
  const visit = (id: PlanNodeId) => {
    state.set(id, 'open');
    path.push(id);
    for (const to of next.get(id) ?? []) {
      if (state.get(to) === 'open') report(path.slice(path.indexOf(to)));
      else if (!state.has(to)) visit(to);
    }
    path.pop();
    state.set(id, 'done');
  };
  const report = (cycle: PlanNodeId[]) => {
    const key = [...cycle].sort().join('|');
    if (reported.has(key)) return;
    reported.add(key);
    const members = cycle.map((id) => byId.get(id)).filter((n): n is PlanNode => n !== undefined);
    const first = [...members].sort((a, b) => a.range.from - b.range.from)[0];
    if (!first) return;
    const names = [...members, members[0] as PlanNode].map((n) => n.name).join(' → ');
    const range = first.kind === 'do' ? first.functionRange : first.range;
    diagnostics.push(createDiagnostic('WS050', range, names));
  };
  for (const n of nodes) if (!state.has(n.id)) visit(n.id);
}
