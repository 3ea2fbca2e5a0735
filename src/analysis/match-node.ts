import type { PlanNode, PlanNodeKind, WorkflowAnalysis } from './types.ts';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regex for the values an f-string name can take (`f"item-{i}"` → /^item-.*$/), if the name is an f-string. */
export function dynamicNamePattern(text: string): RegExp | undefined {
  const match = /^(?:[rR]?[fF]|[fF][rR])('''|"""|'|")([\s\S]*)\1$/.exec(text);
  if (!match) return undefined;
  const body = match[2] as string;
  let pattern = '';
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (depth === 0 && (ch === '{' || ch === '}') && body[i + 1] === ch) {
      pattern += escapeRegExp(ch);
      i++;
    } else if (ch === '{') {
      if (depth++ === 0) pattern += '.*';
    } else if (ch === '}' && depth > 0) {
      depth--;
    } else if (depth === 0) {
      pattern += escapeRegExp(ch);
    }
  }
  return new RegExp(`^${pattern}$`, 's');
}

/**
 * The plan node a journaled step belongs to, for the runtime overlay: the first node of that kind with that
 * literal name, else the first whose f-string name can produce it (`process-3` → `f"process-{item}"`).
 */
export function findPlanNode(workflow: WorkflowAnalysis, kind: PlanNodeKind, name: string): PlanNode | undefined {
  const sameKind = workflow.nodes.filter((n) => n.kind === kind);
  return (
    sameKind.find((n) => !n.dynamicName && n.name === name) ??
    sameKind.find((n) => n.dynamicName && dynamicNamePattern(n.name)?.test(name))
  );
}
