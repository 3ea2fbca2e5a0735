import { createPlanNodeId } from './ids.ts';
import type { LineIndex } from './line-index.ts';
import { mergePlacements, type Placement, placementOf } from './placement.ts';
import { literalValue } from './py-literal.ts';
import { type CallSite, nodeKey } from './step-calls.ts';
import type { StepDecl } from './step-decls.ts';
import { callArgs, type SyntaxNode, stringValue, textOf } from './syntax.ts';
import type { ArgValue, DoNode, PlanNode, PlanNodeBase, PlanNodeId, PlanNodeKind, StepParam } from './types.ts';

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

const SECOND_ARG = { do: 'name', sleep: 'duration', sleep_until: 'timestamp', wait_for_event: 'event_type' } as const;

/** The arguments of a `step.sleep` / `sleep_until` / `wait_for_event` call, by parameter name. */
export function methodArgs(site: CallSite, source: string): Record<string, SyntaxNode | undefined> {
  const args = callArgs(site.node.getChild('ArgList'), source);
  const second = SECOND_ARG[site.kind];
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
  // Nodes are built as single literals: spreading several objects into one literal is several times slower
  // in V8, and it showed up as a third of the analysis time of a 500-step source.
  const base = (kind: PlanNodeKind, name: string, dynamic: boolean, from: number, to: number, at: Placement) => {
    const range = lines.range(from, to);
    const { inLoop, inBranch, control } = at;
    const id = nextId(kind, name);
    const line = range.startLine;
    const node: PlanNodeBase = {
      id,
      kind,
      name,
      dynamicName: dynamic,
      range,
      line,
      inLoop,
      inBranch,
      control,
      concurrencyGroups: [],
    };
    return node;
  };
  const callPlacements = new Map<StepDecl, Placement[]>();
  for (const s of sites) {
    if (s.decl && s.scope !== 'step') callPlacements.set(s.decl, [...(callPlacements.get(s.decl) ?? []), s.placement]);
  }
  for (const d of decls) {
    const at = mergePlacements([placementOf(d.fn, runBody), ...(callPlacements.get(d) ?? [])]);
    const headerEnd = d.fn.getChild('ParamList')?.to ?? d.fnNameNode.to;
    const node = Object.assign(base('do', d.name, d.dynamicName, d.decorator.from, headerEnd, at), {
      kind: 'do' as const,
      functionName: d.fnName,
      functionRange: lines.range(d.fnNameNode.from, d.fnNameNode.to),
      isAsync: d.isAsync,
      params: [] as StepParam[],
      concurrent: d.concurrent,
      recovered: d.recovered,
    }) as DoNode;
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
    const node = base(site.kind, name, nameLiteral === undefined, site.node.from, site.node.to, site.placement);
    if (args.name) node.nameRange = lines.range(args.name.from, args.name.to);
    const fields: Record<string, ArgValue> = {};
    for (const key of site.kind === 'wait_for_event' ? ['event_type', 'timeout'] : [SECOND_ARG[site.kind]]) {
      const arg = args[key];
      if (arg) fields[key === 'event_type' ? 'eventType' : key] = argValue(arg, source, lines);
    }
    const planNode = Object.assign(node, fields) as PlanNode;
    table.nodes.push(planNode);
    table.sites.set(planNode, site);
    table.bySite.set(nodeKey(site.node), planNode.id);
  }
  table.nodes.sort((a, b) => a.range.from - b.range.from);
  return table;
}
