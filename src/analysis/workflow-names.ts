/**
 * The workflow name a `WorkflowEntrypoint` subclass gets: the kebab-case of the class name (`MyWorkflow` →
 * `my-workflow`), as the studio's runtime derives it (`workers._host.kebab_case`). Cloudflare's rule for the name
 * is the engine's (`engine/workflow-name.ts`, import-free, so this layer may import it and the editor and the
 * engine refuse the same names for the same reason).
 */
export { MAX_WORKFLOW_NAME_LENGTH, workflowNameProblem } from '../engine/workflow-name.ts';

/** `MyWorkflow` → `my-workflow`: the workflowName the Python SDK gives a class. */
export function workflowNameOf(className: string): string {
  return className
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}
