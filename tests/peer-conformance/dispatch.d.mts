/** Types of dispatch.mjs. */
import type { Scenario } from './scenarios.mjs';

export interface TraceEntry {
  at: number;
  [k: string]: unknown;
}
export interface Dispatcher {
  traces: { read(instanceId: string): TraceEntry[] };
  use(scenarioId: string, ids?: unknown[]): void;
  run(event: { instanceId: string; payload: unknown }, step: unknown): Promise<unknown>;
}
export declare function createDispatcher(scenarios: Scenario[]): Dispatcher;
