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

/** The analysis kinds of a journaled call's kind (a sleep is `sleep` or `sleep_until`). */
const CALL_KINDS = { do: ['do'], sleep: ['sleep', 'sleep_until'], wait: ['wait_for_event'] } as const;

/**
 * The source line of the call a journal names (`kind`, `name`) in `workflow`: its plan node with that literal
 * name, else one whose f-string name can produce it; null when there is none. The CLI and the studio name a
 * divergence's call with it (`file.py:12`).
 */
export function callSourceLine(
  workflow: WorkflowAnalysis | undefined,
  call: { kind: keyof typeof CALL_KINDS; name: string },
): number | null {
  if (!workflow) return null;
  for (const kind of CALL_KINDS[call.kind]) {
    const node = findPlanNode(workflow, kind, call.name);
    if (node) return node.line;
  }
  return null;
}
