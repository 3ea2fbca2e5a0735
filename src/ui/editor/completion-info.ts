import type { WorkflowPlan } from '../../analysis';
import type { CompletionInfo } from './sdk-completions';

/** What completions need from the plan at a 1-based line: run()'s parameter names and steps declared above. */
export function completionInfo(plan: WorkflowPlan, line: number): CompletionInfo {
  const stepParams = new Set<string>(['step']);
  const eventParams = new Set<string>(['event']);
  const stepNames: string[] = [];
  for (const w of plan.workflows) {
    if (w.run) {
      stepParams.add(w.run.stepParam);
      if (w.run.eventParam) eventParams.add(w.run.eventParam);
    }
    for (const n of w.nodes) if (n.kind === 'do' && !n.dynamicName && n.line < line) stepNames.push(n.name);
  }
  return { stepParams: [...stepParams], eventParams: [...eventParams], stepNames };
}
