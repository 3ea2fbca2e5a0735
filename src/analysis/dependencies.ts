/**
 * Dependency injection, as the Python SDK does it: each parameter of a step function must be `ctx` or the
 * *step name* of a step registered before the step runs (`TypeError: Received unexpected parameter <name>`).
 * Legacy `depends=[f, g]` maps step functions positionally onto the non-ctx parameters instead.
 */
import { createDiagnostic } from './diagnostics.ts';
import type { LineIndex } from './line-index.ts';
import type { NodeTable } from './plan-nodes.ts';
import { type CallSite, declsByFunction, resolveDecl } from './step-calls.ts';
import type { StepDecl } from './step-decls.ts';
import { type SyntaxNode, textOf } from './syntax.ts';
import type { Diagnostic, PlanEdge, StepParam } from './types.ts';

/** Inputs of the dependency pass. */
export interface DependencyContext {
  decls: StepDecl[];
  sites: CallSite[];
  table: NodeTable;
  source: string;
  lines: LineIndex;
  diagnostics: Diagnostic[];
}

/** Lookups shared by every step of one workflow. */
interface Lookups {
  byName: Map<string, StepDecl[]>;
  byFunction: Map<string, StepDecl[]>;
  firstCall: Map<StepDecl, CallSite>;
  anyDynamic: boolean;
}

function lookups(ctx: DependencyContext): Lookups {
  const byName = new Map<string, StepDecl[]>();
  for (const d of ctx.decls) if (!d.dynamicName) byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
  const firstCall = new Map<StepDecl, CallSite>();
  for (const s of ctx.sites) if (s.decl && s.scope !== 'step' && !firstCall.has(s.decl)) firstCall.set(s.decl, s);
  const anyDynamic = ctx.decls.some((c) => c.dynamicName);
  return { byName, byFunction: declsByFunction(ctx.decls), firstCall, anyDynamic };
}

const listItems = (node: SyntaxNode): SyntaxNode[] | undefined =>
  node.name === 'ArrayExpression' || node.name === 'TupleExpression'
    ? node
        .getChildren('VariableName')
        .concat(node.getChildren('String'))
        .sort((a, b) => a.from - b.from)
    : undefined;

function legacyParams(d: StepDecl, ctx: DependencyContext, look: Lookups, depends: SyntaxNode): StepParam[] {
  const { source, lines, diagnostics, table } = ctx;
  const byFn = look.byFunction;
  diagnostics.push(createDiagnostic('WS008', lines.range(depends.from, depends.to)));
  const items = listItems(depends);
  const targets = (items ?? []).map((item) => {
    const found = item.name === 'VariableName' ? byFn.get(textOf(source, item)) : undefined;
    if (!found) diagnostics.push(createDiagnostic('WS007', lines.range(item.from, item.to), textOf(source, item)));
    return found ? table.byDecl.get(resolveDecl(found, d.fn.from) as StepDecl)?.id : undefined;
  });
  const nonCtx = d.params.filter((p) => p.name !== 'ctx');
  if (items && items.length !== nonCtx.length) {
    diagnostics.push(
      createDiagnostic('WS006', lines.range(depends.from, depends.to), d.name, nonCtx.length, items.length),
    );
  }
  return d.params.map((p) => {
    const range = lines.range(p.node.from, p.node.to);
    if (p.name === 'ctx') return { name: p.name, role: 'ctx', range };
    const dependsOn = targets[nonCtx.indexOf(p)];
    return dependsOn
      ? { name: p.name, role: 'dependency', dependsOn, range }
      : { name: p.name, role: 'unknown', range };
  });
}

function implicitParams(d: StepDecl, ctx: DependencyContext, look: Lookups): StepParam[] {
  const { lines, diagnostics, table } = ctx;
  const firstCall = look.firstCall.get(d);
  const runsAt = firstCall?.node.from ?? d.fn.from;
  return d.params.map((p): StepParam => {
    const range = lines.range(p.node.from, p.node.to);
    if (p.name === 'ctx') return { name: p.name, role: 'ctx', range };
    const named = look.byName.get(p.name) ?? [];
    const before = named.filter((c) => c.fn.from < runsAt);
    if (named.length > 0 && (before.length > 0 || !firstCall || named.some((c) => table.byDecl.get(c)?.inLoop))) {
      const target = table.byDecl.get((before.at(-1) ?? named[0]) as StepDecl);
      if (target) return { name: p.name, role: 'dependency', dependsOn: target.id, range };
    }
    const byFunction = look.byFunction.get(p.name)?.find((c) => c.name !== p.name);
    if (named.length > 0) diagnostics.push(createDiagnostic('WS004', range, p.name, d.name));
    else if (byFunction) diagnostics.push(createDiagnostic('WS005', range, p.name, byFunction.name));
    else if (!look.anyDynamic) diagnostics.push(createDiagnostic('WS003', range, p.name, d.name));
    return { name: p.name, role: 'unknown', range };
  });
}

/** Fill every do node's `params` and return the dependency edges (dependency → dependent). */
export function resolveDependencies(ctx: DependencyContext): PlanEdge[] {
  const edges = new Map<string, PlanEdge>();
  const look = lookups(ctx);
  for (const d of ctx.decls) {
    const node = ctx.table.byDecl.get(d);
    if (!node) continue;
    node.params = d.dependsNode ? legacyParams(d, ctx, look, d.dependsNode) : implicitParams(d, ctx, look);
    if (d.dependsNode) node.depends = (listItems(d.dependsNode) ?? []).map((n) => textOf(ctx.source, n));
    for (const p of node.params) {
      if (!p.dependsOn) continue;
      const id = `dependency:${p.dependsOn}->${node.id}`;
      edges.set(id, { id, kind: 'dependency', from: p.dependsOn, to: node.id });
    }
  }
  return [...edges.values()];
}
