import { type WorkflowAnalysis, type WorkflowPlan, workflowNameOf } from '../../analysis';

/** `MyWorkflow` → `my-workflow`: the workflowName the Python SDK gives a class (runtime `_host.kebab_case`). */
export { workflowNameOf };

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
