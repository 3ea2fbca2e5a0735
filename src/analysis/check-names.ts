import type { CheckContext } from './check-durations.ts';
import { createDiagnostic } from './diagnostics.ts';
import type { PlanNode } from './types.ts';

const MAX_NAME = 256;
// biome-ignore lint/suspicious/noControlCharactersInRegex: Cloudflare rejects exactly these characters in names.
const CONTROL = /[\x00-\x1f]/;
const NON_DETERMINISTIC =
  /\b(time|time_ns|datetime|date|now|utcnow|today|perf_counter|monotonic|random|randint|randrange|choice|uuid\d?|secrets|token_hex|token_urlsafe|urandom)\b/;
const API = { sleep: 'step.sleep', sleep_until: 'step.sleep_until', wait_for_event: 'step.wait_for_event' } as const;

/**
 * Step-name checks: duplicates (WS030 for `do`, where dependency injection and cached results collide; WS031
 * for sleeps and waits, which are merely counted), length and control characters (WS032/WS033), and names
 * built from time, randomness or uuids (WS060).
 */
export function checkStepNames(nodes: PlanNode[], ctx: CheckContext): void {
  const first = new Map<string, PlanNode>();
  for (const node of nodes) {
    const range = node.nameRange ?? (node.kind === 'do' ? node.functionRange : node.range);
    if (node.dynamicName) {
      if (NON_DETERMINISTIC.test(node.name)) ctx.diagnostics.push(createDiagnostic('WS060', range, node.name));
      continue;
    }
    if (node.name.length > MAX_NAME) ctx.diagnostics.push(createDiagnostic('WS032', range, node.name.length));
    if (CONTROL.test(node.name)) ctx.diagnostics.push(createDiagnostic('WS033', range));
    const key = `${node.kind}:${node.name}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, node);
    } else if (node.kind === 'do') {
      ctx.diagnostics.push(createDiagnostic('WS030', range, node.name, earlier.line));
    } else {
      ctx.diagnostics.push(createDiagnostic('WS031', range, node.name, API[node.kind], earlier.line));
    }
  }
}
