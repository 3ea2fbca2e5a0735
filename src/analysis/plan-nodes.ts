import { createPlanNodeId } from './ids.ts';
import type { LineIndex } from './line-index.ts';
import { mergePlacements, type Placement, placementOf } from './placement.ts';
import { literalValue } from './py-literal.ts';
import { type CallSite, nodeKey } from './step-calls.ts';
import type { StepDecl } from './step-decls.ts';
import { callArgs, type SyntaxNode, stringValue, textOf } from './syntax.ts';
import type { ArgValue, DoNode, PlanNode, PlanNodeId, PlanNodeKind } from './types.ts';

/** The plan nodes of one workflow and how declarations and calls map onto them. */
export interface NodeTable {
  nodes: PlanNode[];
  byDecl: Map<StepDecl, DoNode>;
  /** Node id by `nodeKey` of the call site (do calls, indirect uses and step.* calls). */
  bySite: Map<string, PlanNodeId>;
  /** The call behind each sleep / sleep_until / wait_for_event node. */
  sites: Map<PlanNode, CallSite>;
}

/** Source text, range and literal value of an argument. */
export function argValue(node: SyntaxNode, source: string, lines: LineIndex): ArgValue {
  const arg: ArgValue = { text: textOf(source, node), range: lines.range(node.from, node.to) };
  const literal = literalValue(node, source);
  if (literal) arg.value = literal.value;
  return arg;
}

/** The arguments of a `step.sleep` / `sleep_until` / `wait_for_event` call, by parameter name. */
export function methodArgs(site: CallSite, source: string): Record<string, SyntaxNode | undefined> {
  const args = callArgs(site.node.getChild('ArgList'), source);
  const second = site.kind === 'sleep' ? 'duration' : site.kind === 'sleep_until' ? 'timestamp' : 'event_type';
  return {
    name: args.positional[0] ?? args.keywords.get('name')?.value,
    [second]: args.positional[1] ?? args.keywords.get(second)?.value,
    timeout: args.positional[2] ?? args.keywords.get('timeout')?.value,
  };
}

/** Build the nodes: one per `@step.do` function and one per `step.*` call outside step bodies. */
export function buildNodes(
  decls: StepDecl[],
  sites: CallSite[],
  runBody: SyntaxNode,
  source: string,
  lines: LineIndex,
): NodeTable {
  const table: NodeTable = { nodes: [], byDecl: new Map(), bySite: new Map(), sites: new Map() };
  const seen = new Map<string, number>();
  const nextId = (kind: PlanNodeKind, name: string) => {
    const n = (seen.get(`${kind}:${name}`) ?? 0) + 1;
    seen.set(`${kind}:${name}`, n);
    return createPlanNodeId(kind, name, n);
  };
  const base = (kind: PlanNodeKind, name: string, dynamicName: boolean, from: number, to: number) => {
    const range = lines.range(from, to);
    return { id: nextId(kind, name), name, dynamicName, range, line: range.startLine, concurrencyGroups: [] };
  };
  const callPlacements = new Map<StepDecl, Placement[]>();
  for (const s of sites) {
    if (s.decl && s.scope !== 'step') callPlacements.set(s.decl, [...(callPlacements.get(s.decl) ?? []), s.placement]);
  }
  for (const d of decls) {
    const calls = callPlacements.get(d) ?? [];
    const headerEnd = d.fn.getChild('ParamList')?.to ?? d.fnNameNode.to;
    const node: DoNode = {
      ...base('do', d.name, d.dynamicName, d.decorator.from, headerEnd),
      kind: 'do',
      ...mergePlacements([placementOf(d.fn, runBody), ...calls]),
      functionName: d.fnName,
      functionRange: lines.range(d.fnNameNode.from, d.fnNameNode.to),
      isAsync: d.isAsync,
      params: [],
      concurrent: d.concurrent,
      recovered: d.recovered,
    };
    if (d.nameNode) node.nameRange = lines.range(d.nameNode.from, d.nameNode.to);
    if (d.configNode) node.config = argValue(d.configNode, source, lines);
    table.nodes.push(node);
    table.byDecl.set(d, node);
  }
  for (const site of sites) {
    if (site.scope === 'step') continue;
    if (site.decl) {
      const target = table.byDecl.get(site.decl);
      if (target) table.bySite.set(nodeKey(site.node), target.id);
      continue;
    }
    const args = methodArgs(site, source);
    const nameLiteral = args.name ? stringValue(args.name, source) : undefined;
    const name = nameLiteral ?? (args.name ? textOf(source, args.name) : '');
    const common = {
      ...base(site.kind, name, nameLiteral === undefined, site.node.from, site.node.to),
      ...site.placement,
    };
    if (args.name) Object.assign(common, { nameRange: lines.range(args.name.from, args.name.to) });
    const arg = (key: string) => {
      const node = args[key];
      return node ? { [key === 'event_type' ? 'eventType' : key]: argValue(node, source, lines) } : {};
    };
    const node: PlanNode =
      site.kind === 'sleep'
        ? { ...common, kind: 'sleep', ...arg('duration') }
        : site.kind === 'sleep_until'
          ? { ...common, kind: 'sleep_until', ...arg('timestamp') }
          : { ...common, kind: 'wait_for_event', ...arg('event_type'), ...arg('timeout') };
    table.nodes.push(node);
    table.sites.set(node, site);
    table.bySite.set(nodeKey(site.node), node.id);
  }
  table.nodes.sort((a, b) => a.range.from - b.range.from);
  return table;
}
