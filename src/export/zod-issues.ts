/**
 * Turns the first zod issue into one sentence that says where and what: `events[3].at: expected a number, got
 * "soon"`. Parse with `reportInput: true` so the offending value can be quoted.
 */
import type { core } from 'zod';

/** `events[3].error.name` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** A short, quoted rendering of a value for messages (`"soon"`, `42`, `an object`, `a list`). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'string') {
    const text = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    return text;
  }
  return String(value);
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object',
  null: 'null',
};

function expectedType(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}

function sizeBound(issue: core.$ZodIssueTooSmall | core.$ZodIssueTooBig, small: boolean): string {
  const bound = Number('minimum' in issue ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  const op = small ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<';
  const count = (one: string) => `${small ? 'at least' : 'at most'} ${bound} ${one}${bound === 1 ? '' : 's'}`;
  switch (issue.origin) {
    case 'string':
      return small && bound === 1 ? 'non-empty text' : `text of ${count('character')}`;
    case 'array':
      return small && bound === 1 ? 'a non-empty list' : `a list of ${count('item')}`;
    default:
      return `a number ${op} ${bound}`;
  }
}

/** `"a"`, `"a" or "b"`, `one of "a", "b", "c"`. */
function oneOf(values: readonly unknown[]): string {
  const quoted = values.map((v) => describeValue(v));
  return quoted.length <= 2 ? quoted.join(' or ') : `one of ${quoted.join(', ')}`;
}

/** What the value should have been, for issues that say it; undefined for the others. */
function expectation(issue: core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return expectedType(issue.expected);
    case 'invalid_value':
      return oneOf(issue.values);
    case 'too_small':
      return sizeBound(issue, true);
    case 'too_big':
      return sizeBound(issue, false);
    case 'invalid_format':
      return issue.format === 'datetime'
        ? 'an ISO 8601 date-time such as "2026-03-01T12:00:00.000Z"'
        : `${issue.format} text`;
    default:
      return undefined;
  }
}

/** What is wrong, without the path. */
export function describeIssue(issue: core.$ZodIssue): string {
  const expected = expectation(issue);
  if (expected !== undefined) {
    return issue.input === undefined
      ? `missing (expected ${expected})`
      : `expected ${expected}, got ${describeValue(issue.input)}`;
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options) {
        const value = (issue.input as Record<string, unknown> | undefined)?.[String(issue.path.at(-1))];
        const known = options.map(String).join(', ');
        return value === undefined
          ? `missing; expected one of: ${known}`
          : `unknown value ${describeValue(value)}; expected one of: ${known}`;
      }
      return issue.input === undefined ? 'missing' : `not a valid value (got ${describeValue(issue.input)})`;
    }
    default:
      return issue.message;
  }
}

/** `path: what is wrong`, plus how many more problems there are. */
export function formatIssues(issues: readonly core.$ZodIssue[], root = ''): string {
  const first = issues[0];
  if (!first) return 'invalid';
  const path = formatPath(first.path);
  const where = path === '' ? root : root === '' ? path : `${root}.${path}`;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `${where === '' ? '' : `${where}: `}${describeIssue(first)}${more}`;
}
