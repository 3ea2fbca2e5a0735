/**
 * Hover documentation for SDK names under the pointer: `step.do` & co., `WorkflowEntrypoint`,
 * `NonRetryableError`, and the string keys of `event`, `ctx` and step configs. Pure (no Monaco).
 */
import { CONFIG_KEYS, CTX_KEYS, EVENT_KEYS, GLOBAL_DOCS, RETRY_KEYS, STEP_METHODS } from './sdk-docs';

/** Markdown for the word at a 1-based column, with the word's columns (Monaco's convention). */
export interface Hover {
  markdown: string;
  startColumn: number;
  endColumn: number;
}

/** The hover for `column` of `line`, or null when the word there is not an SDK name. */
export function hoverAt(line: string, column: number, stepParams: readonly string[]): Hover | null {
  const at = column - 1;
  let start = at;
  let end = at;
  while (start > 0 && /\w/.test(line[start - 1] ?? '')) start--;
  while (end < line.length && /\w/.test(line[end] ?? '')) end++;
  if (start === end) return null;
  const word = line.slice(start, end);
  const before = line.slice(0, start);
  const span = { startColumn: start + 1, endColumn: end + 1 };
  const method = STEP_METHODS[word];
  if (method && stepParams.some((p) => before.endsWith(`${p}.`))) {
    return { markdown: `\`${method.detail}\`\n\n${method.doc}`, ...span };
  }
  const global = GLOBAL_DOCS[word];
  if (global) return { markdown: global, ...span };
  const quoted = /["']$/.test(before) && /^["']/.test(line.slice(end));
  if (!quoted) return null;
  const table = /\bctx\[\s*["']$/.test(before)
    ? CTX_KEYS
    : /\[\s*["']$/.test(before) || /\.get\(\s*["']$/.test(before)
      ? EVENT_KEYS
      : null;
  if (table?.[word]) return { markdown: `\`${word}\` — ${table[word]}`, ...span };
  const key = CONFIG_KEYS[word] ?? RETRY_KEYS[word];
  if (key && /["']\s*:/.test(line.slice(end))) return { markdown: `\`${key.detail}\`\n\n${key.doc}`, ...span };
  return null;
}
