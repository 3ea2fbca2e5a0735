/**
 * The names a workflow class gets, exactly as the studio's runtime derives them (`workers._host.kebab_case` and
 * `upper_snake`), so code calling `self.env.MY_WORKFLOW` in the studio works unchanged on Cloudflare.
 */

function words(name: string, sep: string): string {
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

/** `MyWorkflow` → `my-workflow`: the workflow name (wrangler `workflows[].name`). */
export const kebabCase = (className: string): string => words(className, '-').toLowerCase();

/** `MyWorkflow` → `MY_WORKFLOW`: the binding (`self.env.MY_WORKFLOW`, wrangler `workflows[].binding`). */
export const upperSnake = (className: string): string => words(className, '_').toUpperCase();

/** The longest Worker name Cloudflare accepts. */
export const MAX_WORKER_NAME_LENGTH = 63;

const WORKER_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Why `name` is not a valid Worker name (lowercase letters, digits, inner dashes, ≤ 63), or undefined. */
export function workerNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.length > MAX_WORKER_NAME_LENGTH) {
    return `it is ${name.length} characters long; the maximum is ${MAX_WORKER_NAME_LENGTH}`;
  }
  if (!WORKER_NAME.test(name)) {
    return 'use lowercase letters, digits and dashes, starting and ending with a letter or digit';
  }
  return undefined;
}

/** A Worker name from a file name: `Order Flow.py` → `order-flow`; `fallback` when nothing usable is left. */
export function workerNameFromFile(fileName: string, fallback = 'workflow-studio-export'): string {
  const base = fileName.replaceAll('\\', '/').split('/').pop() ?? '';
  const stem = base.replace(/\.py$/i, '');
  const name = words(stem, '-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, MAX_WORKER_NAME_LENGTH)
    .replace(/^-+|-+$/g, '');
  return name === '' ? fallback : name;
}
