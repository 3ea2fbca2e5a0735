/**
 * Missing `await` (WS040 for step functions, WS041 for step.sleep / sleep_until / wait_for_event). A call is
 * fine when it is awaited (directly or inside an awaited gather/wait), passed to another call (create_task,
 * gather, a helper), or stored in a variable that is used later. It is flagged when its coroutine is plainly
 * dropped: a bare expression statement, `return` from run(), or a variable nobody reads.
 */
import type { CheckContext } from './check-durations.ts';
import { createDiagnostic } from './diagnostics.ts';
import type { RunIndex } from './run-index.ts';
import type { CallSite } from './step-calls.ts';
import { type SyntaxNode, textOf } from './syntax.ts';

const TRANSPARENT = new Set([
  'ParenthesizedExpression',
  'ArrayExpression',
  'TupleExpression',
  'SetExpression',
  'DictionaryExpression',
  'ArrayComprehensionExpression',
  'ComprehensionExpression',
  'SetComprehensionExpression',
  'DictionaryComprehensionExpression',
  'ConditionalExpression',
  'StatementGroup',
]);

function isDropped(call: SyntaxNode, index: RunIndex, site: CallSite, source: string): boolean {
  for (let p = call.parent; p; p = p.parent) {
    if (TRANSPARENT.has(p.name)) continue;
    switch (p.name) {
      case 'ExpressionStatement':
        return true;
      case 'ReturnStatement':
        return site.scope === 'run';
      case 'AssignStatement': {
        const target = p.firstChild;
        if (target?.name !== 'VariableName') return false;
        const uses = index.names.get(textOf(source, target)) ?? [];
        return !uses.some((u) => u.from >= p.to);
      }
      default:
        return false;
    }
  }
  return false;
}

/** Report step calls whose coroutine is dropped; returns the `from` offsets of those calls. */
export function checkAwaits(sites: CallSite[], index: RunIndex, ctx: CheckContext): Set<number> {
  const dropped = new Set<number>();
  for (const site of sites) {
    if (site.indirect || site.scope === 'step' || !isDropped(site.node, index, site, ctx.source)) continue;
    dropped.add(site.node.from);
    const range = ctx.lines.range(site.node.from, site.node.to);
    if (site.decl) ctx.diagnostics.push(createDiagnostic('WS040', range, site.decl.name, site.decl.fnName));
    else ctx.diagnostics.push(createDiagnostic('WS041', range, textOf(ctx.source, site.node.firstChild ?? site.node)));
  }
  return dropped;
}
