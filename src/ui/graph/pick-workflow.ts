import type { WorkflowAnalysis, WorkflowPlan } from '../../analysis';

/** `MyWorkflow` → `my-workflow`: the workflowName the Python SDK gives a class (runtime `_host.kebab_case`). */
export function workflowNameOf(className: string): string {
  return className
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

/** Which class of the plan to draw: the one the selected instance runs, else the first. */
export function pickWorkflow(
  plan: WorkflowPlan,
  instanceWorkflowName: string | null,
): { analysis: WorkflowAnalysis | null; instanceMatches: boolean } {
  if (instanceWorkflowName !== null) {
    const match = plan.workflows.find((w) => workflowNameOf(w.className) === instanceWorkflowName);
    if (match) return { analysis: match, instanceMatches: true };
  }
  return { analysis: plan.workflows[0] ?? null, instanceMatches: instanceWorkflowName === null };
}
