/**
 * Order edges and gather groups from the awaits of `run()`: each awaited step follows the steps awaited just
 * before it on the same path (see flow-walk.ts). `await asyncio.gather(a(), b())` / `asyncio.wait([...])`
 * puts its steps into one concurrency group; coroutines stored in a variable (`t = a()`, `tasks.append(a())`)
 * count where the variable is awaited.
 */
import { createDiagnostic } from './diagnostics.ts';
import { type Frontier, walkFlow } from './flow-walk.ts';
import type { LineIndex } from './line-index.ts';
import { nodeKey } from './step-calls.ts';
import { callArgs, calleePath, type SyntaxNode, textOf } from './syntax.ts';
import type { ConcurrencyGroup, Diagnostic, PlanEdge, PlanNodeId } from './types.ts';

/** Inputs of the await-order pass. */
export interface OrderContext {
  runBody: SyntaxNode;
  /** Node id of each step call site, by `nodeKey`. */
  bySite: Map<string, PlanNodeId>;
  source: string;
  lines: LineIndex;
  diagnostics: Diagnostic[];
}

const GROUPING = new Set(['gather', 'wait']);
const COLLECTING = new Set(['append', 'add', 'extend', 'insert']);
const MULTI = new Set(['*', 'ArrayComprehensionExpression', 'ComprehensionExpression', 'SetComprehensionExpression']);

/** Compute order edges and gather/wait groups for one run body. */
export function buildAwaitOrder(ctx: OrderContext): { edges: PlanEdge[]; groups: ConcurrencyGroup[] } {
  const { source, bySite, lines } = ctx;
  const edges = new Map<string, PlanEdge>();
  const groups = new Map<string, ConcurrencyGroup>();
  const firstSeen = new Map<PlanNodeId, number>();
  const taskVars = new Map<string, PlanNodeId[]>();
  let points = 0;

  const group = (awaitNode: SyntaxNode, ids: PlanNodeId[], pending: PlanNodeId[]) => {
    const call = awaitNode.lastChild;
    const kind = call?.name === 'CallExpression' ? calleePath(call, source)?.at(-1) : undefined;
    if (!call || !kind || !GROUPING.has(kind)) return;
    const args = call.getChild('ArgList');
    const many = args && (ids.length > 1 || pending.length > ids.length || hasMulti(args));
    if (!many) return;
    const returnWhen = callArgs(args, source).keywords.get('return_when');
    if (kind === 'wait' && returnWhen && /FIRST_(COMPLETED|EXCEPTION)/.test(textOf(source, returnWhen.value))) {
      ctx.diagnostics.push(createDiagnostic('WS091', lines.range(call.from, call.to)));
    }
    let id = `${kind}:${ids.join('+')}`;
    for (let n = 2; groups.has(id); n++) id = `${kind}:${ids.join('+')}#${n}`;
    const range = lines.range(call.from, call.to);
    groups.set(id, { id, kind: kind as 'gather' | 'wait', nodeIds: ids, range });
  };

  const hasMulti = (args: SyntaxNode): boolean => {
    for (let c = args.firstChild; c; c = c.nextSibling) {
      if (MULTI.has(c.name) || (c.name === 'VariableName' && taskVars.has(textOf(source, c)))) return true;
    }
    return false;
  };

  const point = (awaitNode: SyntaxNode, members: PlanNodeId[], cur: Frontier): Frontier => {
    const ids = [...new Set(members)];
    if (ids.length === 0) return cur;
    const p = points++;
    for (const id of ids) if (!firstSeen.has(id)) firstSeen.set(id, p);
    for (const from of cur ?? []) {
      for (const to of ids) {
        if ((firstSeen.get(from) ?? p) >= (firstSeen.get(to) ?? p)) continue;
        const id = `order:${from}->${to}`;
        edges.set(id, { id, kind: 'order', from, to });
      }
    }
    group(awaitNode, ids, members);
    return ids;
  };

  const expr = (stmt: SyntaxNode, f: Frontier): Frontier => {
    let cur = f;
    const visit = (n: SyntaxNode, pending: PlanNodeId[]) => {
      if (n.name === 'LambdaExpression' || n.name === 'FunctionDefinition') return;
      if (n.name === 'AwaitExpression') {
        const members: PlanNodeId[] = [];
        for (let c = n.firstChild; c; c = c.nextSibling) visit(c, members);
        cur = point(n, members, cur);
        return;
      }
      if (n.name === 'CallExpression' || n.name === 'VariableName') {
        const id = bySite.get(nodeKey(n));
        if (id) pending.push(id);
        if (n.name === 'VariableName') pending.push(...(taskVars.get(textOf(source, n)) ?? []));
      }
      for (let c = n.firstChild; c; c = c.nextSibling) visit(c, pending);
    };
    const loose: PlanNodeId[] = [];
    visit(stmt, loose);
    if (loose.length > 0) rememberTasks(stmt, loose);
    return cur;
  };

  const rememberTasks = (stmt: SyntaxNode, ids: PlanNodeId[]) => {
    const first = stmt.firstChild;
    let target: string | undefined;
    if (stmt.name === 'AssignStatement' && first?.name === 'VariableName') target = textOf(source, first);
    const path = first?.name === 'CallExpression' ? calleePath(first, source) : undefined;
    if (stmt.name === 'ExpressionStatement' && path?.length === 2 && COLLECTING.has(path[1] as string))
      target = path[0];
    if (target) taskVars.set(target, [...(taskVars.get(target) ?? []), ...ids]);
  };

  walkFlow(ctx.runBody, [], expr, (n) => textOf(source, n));
  return { edges: [...edges.values()], groups: [...groups.values()] };
}
