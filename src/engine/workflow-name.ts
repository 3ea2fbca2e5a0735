/**
 * Cloudflare's rule for a workflow name, import-free so the analysis may import it too (as it does
 * `duration-text.ts`): the engine refuses to create an instance of a badly named workflow, and the editor (WS034)
 * and export flag the class, with the same reason. Cloudflare refuses a Worker whose workflow name is longer than
 * 64 characters or does not match `^[a-zA-Z0-9_][a-zA-Z0-9-_]*$` (wrangler's config check, `isValidWorkflowName`).
 */

/** Longest workflow name Cloudflare accepts. */
export const MAX_WORKFLOW_NAME_LENGTH = 64;

const WORKFLOW_NAME = /^[a-zA-Z0-9_][a-zA-Z0-9-_]*$/;

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
