/**
 * Which journaled calls belong to which plan node. A node is matched by kind and name: `do` ↔ `do`,
 * `sleep`/`sleep_until` ↔ `sleep`, `wait_for_event` ↔ `wait`. An f-string name (`f"fetch-{i}"`) matches the
 * calls its literal parts allow; when several nodes share one literal name outside loops, the n-th node takes
 * the call with count n (the order replay uses).
 */
import { dynamicNamePattern, type PlanNode, type WorkflowAnalysis } from '../../analysis';
import type { CallKind, CallView, InstanceView } from '../../engine';
import { currentCalls } from '../data/current-calls';

/** The journal kind of a plan node kind. */
export const callKindOf = (kind: PlanNode['kind']): CallKind =>
  kind === 'do' ? 'do' : kind === 'wait_for_event' ? 'wait' : 'sleep';

const occurrenceOf = (node: PlanNode) => Number(/#(\d+)$/.exec(node.id)?.[1] ?? 1);

/** Calls of the instance's current generation (kept ones included) for each node of `analysis`, in start order. */
export function callsByNode(analysis: WorkflowAnalysis, view: InstanceView): Map<string, CallView[]> {
  const result = new Map<string, CallView[]>();
  const current = currentCalls(view);
  const sameName = new Map<string, PlanNode[]>();
  for (const node of analysis.nodes) {
    if (node.dynamicName) continue;
    const key = `${callKindOf(node.kind)}\u0000${node.name}`;
    sameName.set(key, [...(sameName.get(key) ?? []), node]);
  }
  for (const node of analysis.nodes) {
    const kind = callKindOf(node.kind);
    let calls: CallView[];
    if (node.dynamicName) {
      const re = dynamicNamePattern(node.name);
      calls = re ? current.filter((c) => c.kind === kind && re.test(c.name)) : [];
    } else {
      calls = current.filter((c) => c.kind === kind && c.name === node.name);
      const twins = sameName.get(`${kind}\u0000${node.name}`) ?? [];
      if (twins.length > 1 && !twins.some((t) => t.inLoop)) {
        calls = calls.filter((c) => c.count === occurrenceOf(node));
      }
    }
    result.set(node.id, calls);
  }
  return result;
}

/** Journaled calls no node of the plan accounts for (the code changed, or the instance is of another file). */
export function unmatchedCalls(view: InstanceView, byNode: ReadonlyMap<string, CallView[]>): CallView[] {
  const matched = new Set<CallView>();
  for (const calls of byNode.values()) for (const c of calls) matched.add(c);
  return currentCalls(view).filter((c) => !matched.has(c));
}
