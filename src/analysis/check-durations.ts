import { durationStringOf, MAX_WAIT_MS, parseDuration } from '../engine/duration-text.ts';
import { createDiagnostic } from './diagnostics.ts';
import type { LineIndex } from './line-index.ts';
import { methodArgs, type NodeTable } from './plan-nodes.ts';
import { literalValue } from './py-literal.ts';
import type { SyntaxNode } from './syntax.ts';
import type { Diagnostic } from './types.ts';

/** Where diagnostics go and how to place them. */
export interface CheckContext {
  source: string;
  lines: LineIndex;
  diagnostics: Diagnostic[];
}

/**
 * Check a duration argument: a string must parse (WS010) and stay under `maxApi`'s 365-day limit when given
 * (WS013); a non-zero number is milliseconds on Cloudflare's runtime, which the Python docs contradict (they say
 * seconds): WS011, with a quick fix to the string that means the same milliseconds. Returns the literal value
 * (string or number) for further checks, undefined when the argument is not a literal.
 */
export function checkDuration(node: SyntaxNode, ctx: CheckContext, maxApi?: string): string | number | undefined {
  const literal = literalValue(node, ctx.source)?.value;
  const range = ctx.lines.range(node.from, node.to);
  if (typeof literal === 'string') {
    const parsed = parseDuration(literal);
    if (!parsed.ok) ctx.diagnostics.push(createDiagnostic('WS010', range, literal));
    else if (maxApi && parsed.ms > MAX_WAIT_MS) ctx.diagnostics.push(createDiagnostic('WS013', range, literal, maxApi));
    return literal;
  }
  if (typeof literal === 'number') {
    if (literal !== 0 && Number.isFinite(literal)) {
      const meant = durationStringOf(literal);
      const diagnostic = createDiagnostic('WS011', range, ctx.source.slice(node.from, node.to), meant);
      ctx.diagnostics.push({ ...diagnostic, fix: { title: `Write "${meant}"`, text: JSON.stringify(meant) } });
    }
    return literal;
  }
  return undefined;
}

/** Epoch milliseconds below this (1e11 ms is March 1973) are almost surely epoch seconds (1e11 s is year 5138). */
const SECONDS_EPOCH_LIMIT = 1e11;

/** Duration checks of sleep, sleep_until and wait_for_event arguments. */
export function checkNodeDurations(table: NodeTable, ctx: CheckContext): void {
  for (const [node, site] of table.sites) {
    const args = methodArgs(site, ctx.source);
    if (node.kind === 'sleep' && args.duration) checkDuration(args.duration, ctx, 'step.sleep');
    if (node.kind === 'wait_for_event' && args.timeout) checkDuration(args.timeout, ctx, 'step.wait_for_event timeout');
    const ts = node.kind === 'sleep_until' ? args.timestamp : undefined;
    const at = ts ? literalValue(ts, ctx.source)?.value : undefined;
    if (ts && typeof at === 'number' && at < SECONDS_EPOCH_LIMIT) {
      const text = ctx.source.slice(ts.from, ts.to);
      const diagnostic = createDiagnostic('WS012', ctx.lines.range(ts.from, ts.to), text);
      ctx.diagnostics.push({
        ...diagnostic,
        fix: { title: `Read it as epoch seconds: ${text} * 1000`, text: `${text} * 1000` },
      });
    }
  }
}
