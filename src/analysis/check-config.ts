/**
 * Static validation of `@step.do(config={...})` per docs/semantics.md (strict, as the engine is):
 * keys `retries` and `timeout` only; `retries` needs `limit` (>= 0, may be infinite) and `delay` (number >= 0
 * or duration string), optional `backoff` (constant | linear | exponential); `timeout` > 0. Only literal parts
 * are judged; names, calls and `**spread` are left alone.
 */

import { parseDuration } from '../engine/duration-text.ts';
import { type CheckContext, checkDuration } from './check-durations.ts';
import { createDiagnostic } from './diagnostics.ts';
import { dictEntries } from './py-dict.ts';
import { literalValue } from './py-literal.ts';
import type { SyntaxNode } from './syntax.ts';

const BACKOFFS: ReadonlySet<unknown> = new Set(['constant', 'linear', 'exponential']);

function checkRetries(node: SyntaxNode, step: string, ctx: CheckContext): void {
  const { source, lines, diagnostics } = ctx;
  const at = (n: SyntaxNode) => lines.range(n.from, n.to);
  const dict = dictEntries(node, source);
  if (!dict) {
    if (literalValue(node, source)) diagnostics.push(createDiagnostic('WS021', at(node), step));
    return;
  }
  const seen = new Set<string>();
  for (const { key, keyNode, valueNode } of dict.entries) {
    if (key === undefined) continue;
    seen.add(key);
    const value = literalValue(valueNode, source);
    if (key === 'limit') {
      const v = value?.value;
      const ok = typeof v === 'number' && v >= 0;
      if (value && !ok) diagnostics.push(createDiagnostic('WS024', at(valueNode), step));
    } else if (key === 'delay') {
      const v = value?.value;
      if (value && typeof v !== 'string' && !(typeof v === 'number' && v >= 0)) {
        diagnostics.push(createDiagnostic('WS025', at(valueNode), step));
      } else checkDuration(valueNode, ctx);
    } else if (key === 'backoff') {
      if (value && !BACKOFFS.has(value.value)) {
        diagnostics.push(createDiagnostic('WS026', at(valueNode), step, source.slice(valueNode.from, valueNode.to)));
      }
    } else diagnostics.push(createDiagnostic('WS023', at(keyNode), step, key));
  }
  if (dict.spread) return;
  for (const required of ['limit', 'delay']) {
    if (!seen.has(required)) diagnostics.push(createDiagnostic('WS022', at(node), step, required));
  }
}

function checkTimeout(node: SyntaxNode, step: string, ctx: CheckContext): void {
  const range = ctx.lines.range(node.from, node.to);
  const value = literalValue(node, ctx.source);
  if (!value) return;
  const v = value.value;
  if (typeof v !== 'number' && typeof v !== 'string') {
    ctx.diagnostics.push(createDiagnostic('WS028', range, step));
    return;
  }
  if (typeof v === 'number' && v <= 0) {
    ctx.diagnostics.push(createDiagnostic('WS027', range, step));
    return;
  }
  checkDuration(node, ctx);
  const parsed = typeof v === 'string' ? parseDuration(v) : undefined;
  if (parsed?.ok && parsed.ms <= 0) ctx.diagnostics.push(createDiagnostic('WS027', range, step));
}

/** Check the `config=` argument of step `step`. */
export function checkStepConfig(node: SyntaxNode, step: string, ctx: CheckContext): void {
  const dict = dictEntries(node, ctx.source);
  if (!dict) {
    const literal = literalValue(node, ctx.source);
    if (literal && literal.value !== null) {
      ctx.diagnostics.push(createDiagnostic('WS029', ctx.lines.range(node.from, node.to), step));
    }
    return;
  }
  for (const { key, keyNode, valueNode } of dict.entries) {
    if (key === 'retries') checkRetries(valueNode, step, ctx);
    else if (key === 'timeout') checkTimeout(valueNode, step, ctx);
    else if (key !== undefined) {
      ctx.diagnostics.push(createDiagnostic('WS020', ctx.lines.range(keyNode.from, keyNode.to), step, key));
    }
  }
}
