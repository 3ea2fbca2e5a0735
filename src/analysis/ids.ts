import type { PlanNodeId, PlanNodeKind } from './types.ts';

const KIND_PREFIXES: readonly string[] = ['do:', 'sleep:', 'sleep_until:', 'wait_for_event:'];

/**
 * Build a node id from what the user wrote, never from positions, so the graph keeps its nodes while lines move:
 * `do:fetch_order#1`, `sleep:cool-off#2` (second sleep named "cool-off"). Dynamic names use their source text.
 */
export const createPlanNodeId = (kind: PlanNodeKind, name: string, occurrence: number): PlanNodeId =>
  `${kind}:${name}#${occurrence}` as PlanNodeId;

/** Whether a string is shaped like a {@link PlanNodeId}. */
export const isPlanNodeId = (s: string): s is PlanNodeId =>
  KIND_PREFIXES.some((prefix) => s.startsWith(prefix)) && /#\d+$/.test(s);
