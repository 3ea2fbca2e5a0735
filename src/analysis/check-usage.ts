import type { CheckContext } from './check-durations.ts';
import { createDiagnostic } from './diagnostics.ts';
import type { NodeTable } from './plan-nodes.ts';
import type { RunIndex } from './run-index.ts';
import { declsByFunction } from './step-calls.ts';
import type { StepDecl } from './step-decls.ts';

/**
 * WS090: a step function that nothing uses never runs. "Used" is generous: any mention of the function
 * outside its own body (call, argument, list of tasks, depends=[…]) or being some step's dependency.
 */
export function checkUnusedSteps(decls: StepDecl[], table: NodeTable, index: RunIndex, ctx: CheckContext): void {
  const byFunction = declsByFunction(decls);
  const dependedOn = new Set(table.nodes.flatMap((n) => (n.kind === 'do' ? n.params.map((p) => p.dependsOn) : [])));
  for (const d of decls) {
    const node = table.byDecl.get(d);
    if (!node || dependedOn.has(node.id)) continue;
    const later = byFunction.get(d.fnName)?.find((o) => o.fn.from > d.fn.from);
    const mentions = (index.names.get(d.fnName) ?? []).filter(
      (ref) => (ref.from < d.fn.from || ref.from > d.fn.to) && (!later || ref.from < later.fn.from),
    );
    if (mentions.length === 0) ctx.diagnostics.push(createDiagnostic('WS090', node.functionRange, d.name));
  }
}
