import { buildAwaitOrder } from './await-order.ts';
import { checkAwaits } from './check-awaits.ts';
import { checkStepConfig } from './check-config.ts';
import { type CheckContext, checkNodeDurations } from './check-durations.ts';
import { checkStepNames } from './check-names.ts';
import { checkState } from './check-state.ts';
import { checkUnusedSteps } from './check-usage.ts';
import { checkDependencyCycles } from './cycles.ts';
import { resolveDependencies } from './dependencies.ts';
import { createDiagnostic } from './diagnostics.ts';
import type { WorkflowClass } from './find-workflows.ts';
import { buildNodes } from './plan-nodes.ts';
import { indexRun } from './run-index.ts';
import { collectCallSites, nodeKey } from './step-calls.ts';
import { collectStepDecls } from './step-decls.ts';
import type { ConcurrencyGroup, PlanNode, WorkflowAnalysis } from './types.ts';
import { workflowNameOf, workflowNameProblem } from './workflow-names.ts';

function concurrentGroups(nodes: PlanNode[]): ConcurrencyGroup[] {
  return nodes.flatMap((n) => {
    if (n.kind !== 'do' || !n.concurrent) return [];
    const deps = [...new Set(n.params.flatMap((p) => (p.dependsOn ? [p.dependsOn] : [])))];
    return deps.length === 0
      ? []
      : [{ id: `concurrent:${n.id}`, kind: 'concurrent', nodeIds: deps, ownerId: n.id, range: n.range }];
  });
}

/** Analyse one workflow class: plan nodes, edges, groups and calls; diagnostics go to `ctx`. */
export function analyzeClass(wf: WorkflowClass, ctx: CheckContext): WorkflowAnalysis {
  const { source, lines, diagnostics } = ctx;
  const result: WorkflowAnalysis = {
    className: wf.name,
    range: lines.range(wf.node.from, wf.node.to),
    nameRange: lines.range(wf.nameNode.from, wf.nameNode.to),
    nodes: [],
    edges: [],
    groups: [],
    calls: [],
  };
  const workflowName = workflowNameOf(wf.name);
  const nameProblem = wf.isBase ? undefined : workflowNameProblem(workflowName);
  if (nameProblem !== undefined) {
    diagnostics.push(createDiagnostic('WS034', result.nameRange, wf.name, workflowName, nameProblem));
  }
  const run = wf.run;
  if (!run) {
    if (!wf.isBase) diagnostics.push(createDiagnostic('WS002', result.nameRange, wf.name));
    return result;
  }
  result.run = { range: lines.range(run.fn.from, run.fn.to), isAsync: run.isAsync, stepParam: run.stepParam };
  if (run.eventParam) result.run.eventParam = run.eventParam;
  if (!run.body) return result;

  const body = run.body;
  const index = indexRun(body, source);
  const decls = collectStepDecls(index, source, run.stepParam);
  const sites = collectCallSites(index, decls, body, source, run.stepParam);
  const table = buildNodes(decls, sites, body, source, lines);
  const dependencyEdges = resolveDependencies({ decls, sites, table, source, lines, diagnostics });
  const order = buildAwaitOrder({ runBody: body, bySite: table.bySite, source, lines, diagnostics });
  const groups = [...concurrentGroups(table.nodes), ...order.groups];
  const byId = new Map(table.nodes.map((n) => [n.id, n]));
  for (const g of groups) for (const id of g.nodeIds) byId.get(id)?.concurrencyGroups.push(g.id);

  for (const d of decls) {
    const decoratorEnd = d.decorator.getChildren('VariableName').at(-1)?.to ?? d.decorator.to;
    if (d.uncalled) diagnostics.push(createDiagnostic('WS009', lines.range(d.decorator.from, decoratorEnd)));
    if (d.configNode) checkStepConfig(d.configNode, d.name, ctx);
  }
  checkNodeDurations(table, ctx);
  checkStepNames(table.nodes, ctx);
  const dropped = checkAwaits(sites, index, ctx);
  checkState(index, decls, body, run.eventParam, ctx);
  checkUnusedSteps(decls, table, index, ctx);
  checkDependencyCycles(table.nodes, dependencyEdges, diagnostics);

  result.nodes = table.nodes;
  result.edges = [...dependencyEdges, ...order.edges];
  result.groups = groups;
  result.calls = sites.flatMap((s) => {
    const nodeId = table.bySite.get(nodeKey(s.node));
    if (!nodeId) return [];
    const range = lines.range(s.node.from, s.node.to);
    const { inLoop, inBranch } = s.placement;
    return [{ nodeId, range, awaited: !dropped.has(s.node.from), indirect: s.indirect, inLoop, inBranch }];
  });
  return result;
}
