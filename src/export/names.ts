/**
 * Worker names (wrangler's `name`): Cloudflare's rule and the name an export derives from a file name. The names a
 * workflow class gets are the analysis's (`workflowNameOf`, `bindingNameOf`).
 */
import { workflowNameOf } from '../analysis';

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
  const name = workflowNameOf(stem)
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, MAX_WORKER_NAME_LENGTH)
    .replace(/^-+|-+$/g, '');
  return name === '' ? fallback : name;
}
