/** Longest instance id Cloudflare accepts. */
export const MAX_INSTANCE_ID_LENGTH = 100;
/** Longest step name Cloudflare accepts. */
export const MAX_STEP_NAME_LENGTH = 256;
/** Default number of `step.do` calls one run may make. */
export const DEFAULT_STEP_LIMIT = 10_000;

const ID_PATTERN = /^[a-zA-Z0-9_][a-zA-Z0-9-_]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what step names may not contain.
const CONTROL_CHARS = /[\x00-\x1F]/;

/**
 * Why `id` is not a valid instance id (`^[a-zA-Z0-9_][a-zA-Z0-9-_]*$`, at most 100 characters), or `undefined`
 * when it is valid. The reason names the rule so the user can fix it.
 */
export function instanceIdProblem(id: unknown): string | undefined {
  if (typeof id !== 'string') return `it must be a string, got ${typeof id}`;
  if (id.length === 0) return 'it is empty';
  if (id.length > MAX_INSTANCE_ID_LENGTH) {
    return `it is ${id.length} characters long; the maximum is ${MAX_INSTANCE_ID_LENGTH}`;
  }
  if (ID_PATTERN.test(id)) return undefined;
  if (id.startsWith('-')) return `"${id}" starts with "-"; an id must start with a letter, a digit or "_"`;
  const bad = [...id].find((c) => !/[a-zA-Z0-9_-]/.test(c)) ?? '';
  return `"${printable(id)}" contains ${JSON.stringify(bad)}; only letters, digits, "-" and "_" are allowed`;
}

/** True when a step name is at most 256 characters and has no control characters (Cloudflare's rule). */
export function isValidStepName(name: unknown): name is string {
  return typeof name === 'string' && name.length <= MAX_STEP_NAME_LENGTH && !CONTROL_CHARS.test(name);
}

function printable(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
