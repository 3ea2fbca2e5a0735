import type { WorkflowAnalysis, WorkflowPlan } from './types.ts';

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && deepEqual(ra[k], rb[k]));
}

/** Reuse previous objects (matched by `id`) that are deep-equal to their new version; keep the array if all are. */
function shareById<T extends { id: string }>(prev: T[], next: T[]): T[] {
  const old = new Map(prev.map((item) => [item.id, item]));
  const merged = next.map((item) => {
    const before = old.get(item.id);
    return before && deepEqual(before, item) ? before : item;
  });
  return merged.length === prev.length && merged.every((item, i) => item === prev[i]) ? prev : merged;
}

function shareWorkflow(prev: WorkflowAnalysis | undefined, next: WorkflowAnalysis): WorkflowAnalysis {
  if (!prev) return next;
  const shared = {
    ...next,
    nodes: shareById(prev.nodes, next.nodes),
    edges: shareById(prev.edges, next.edges),
    groups: shareById(prev.groups, next.groups),
    calls: deepEqual(prev.calls, next.calls) ? prev.calls : next.calls,
  };
  return deepEqual(prev, shared) ? prev : shared;
}

/**
 * Structural sharing between two plans of successive edits: unchanged workflows, nodes, edges, groups and
 * diagnostics keep their object identity, so memoised UI (React Flow nodes) does not re-render or re-layout.
 */
export function shareUnchanged(prev: WorkflowPlan | undefined, next: WorkflowPlan): WorkflowPlan {
  if (!prev) return next;
  const byClass = new Map(prev.workflows.map((w) => [w.className, w]));
  const workflows = next.workflows.map((w) => shareWorkflow(byClass.get(w.className), w));
  const plan: WorkflowPlan = {
    workflows:
      workflows.every((w, i) => w === prev.workflows[i]) && workflows.length === prev.workflows.length
        ? prev.workflows
        : workflows,
    diagnostics: deepEqual(prev.diagnostics, next.diagnostics) ? prev.diagnostics : next.diagnostics,
    syntaxErrors: next.syntaxErrors,
  };
  return plan.workflows === prev.workflows &&
    plan.diagnostics === prev.diagnostics &&
    plan.syntaxErrors === prev.syntaxErrors
    ? prev
    : plan;
}
