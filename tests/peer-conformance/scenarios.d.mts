/** Types of scenarios.mjs (plain JavaScript so that workerd loads it unchanged). */
import type { DriveApi } from './api';

export interface Observation {
  /** Must be equal on both sides. */
  compare: Record<string, unknown>;
  /** Reported, not compared (timings). */
  info?: Record<string, unknown>;
}
export interface Scenario {
  id: string;
  group: string;
  about: string;
  workflow: (run: { event: unknown; step: unknown; t: (entry: Record<string, unknown>) => void }) => Promise<unknown>;
  drive: (api: DriveApi) => Promise<Observation>;
}
export declare const SCENARIOS: Scenario[];
