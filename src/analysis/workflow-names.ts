/**
 * The workflow name a `WorkflowEntrypoint` subclass gets, and Cloudflare's rule for it. The name is the
 * kebab-case of the class name (`MyWorkflow` → `my-workflow`), as the studio's runtime derives it
 * (`workers._host.kebab_case`); Cloudflare refuses a Worker whose workflow name is longer than 64 characters or
 * does not match `^[a-zA-Z0-9_][a-zA-Z0-9-_]*$` (wrangler's config check, `isValidWorkflowName`). The engine
 * applies the same rule when an instance is created (`engine/validation.ts`, whose layer this one may not
 * import; `src/export/workflow-name-rule.test.ts` checks that both agree).
 */

/** Longest workflow name Cloudflare accepts. */
export const MAX_WORKFLOW_NAME_LENGTH = 64;

const WORKFLOW_NAME = /^[a-zA-Z0-9_][a-zA-Z0-9-_]*$/;

/** `MyWorkflow` → `my-workflow`: the workflowName the Python SDK gives a class. */
export function workflowNameOf(className: string): string {
  return className
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

/** Why Cloudflare refuses `name` as a workflow name, or `undefined` when it is valid. */
export function workflowNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.length > MAX_WORKFLOW_NAME_LENGTH) {
    return `it is ${name.length} characters long; the maximum is ${MAX_WORKFLOW_NAME_LENGTH}`;
  }
  if (!WORKFLOW_NAME.test(name)) {
    return 'it must match ^[a-zA-Z0-9_][a-zA-Z0-9-_]*$ (letters, digits, "-" and "_", not starting with "-")';
  }
  return undefined;
}
