/**
 * The names a `WorkflowEntrypoint` subclass gets, exactly as the studio's runtime derives them
 * (`workers._host.kebab_case` and `upper_snake`), so code calling `self.env.MY_WORKFLOW` in the studio works
 * unchanged on Cloudflare: the workflow name is the kebab-case of the class name (`MyWorkflow` → `my-workflow`),
 * the binding its UPPER_SNAKE (`MY_WORKFLOW`). Cloudflare's rule for the name
 * is the engine's (`engine/workflow-name.ts`, import-free, so this layer may import it and the editor and the
 * engine refuse the same names for the same reason).
 */
export { MAX_WORKFLOW_NAME_LENGTH, workflowNameProblem } from '../engine/workflow-name.ts';

/** The words of a class name joined by `sep`, with no `sep` at either end. */
function words(name: string, sep: '-' | '_'): string {
  const text = name
    .replace(/([a-z0-9])([A-Z])/g, `$1${sep}$2`)
    .replace(/([A-Z]+)([A-Z][a-z])/g, `$1${sep}$2`)
    .replace(/[^A-Za-z0-9]+/g, sep);
  let from = 0;
  let to = text.length;
  while (from < to && text[from] === sep) from++;
  while (to > from && text[to - 1] === sep) to--;
  return text.slice(from, to);
}

/** `MyWorkflow` → `my-workflow`: the workflowName the Python SDK gives a class (wrangler `workflows[].name`). */
export function workflowNameOf(className: string): string {
  return words(className, '-').toLowerCase();
}

/** `MyWorkflow` → `MY_WORKFLOW`: the binding (`self.env.MY_WORKFLOW`, wrangler `workflows[].binding`). */
export function bindingNameOf(className: string): string {
  return words(className, '_').toUpperCase();
}
