/**
 * Runs every scenario on both sides and compares. One scenario at a time (a scenario's instances are bound
 * to it by the dispatcher), both sides of it at once. A drive that throws is an observation too
 * (`{driveError}`), so one broken scenario does not stop the others.
 */
import { isDeepStrictEqual } from 'node:util';
import { type Call, createDriveApi } from './api';
import { type Cause, KNOWN_DIFFERENCES } from './known-differences';
import type { Observation, Scenario } from './scenarios.mjs';

const RERUNS = 2;

export type Verdict = 'same' | 'known difference' | 'DIFFERENT' | 'difference gone';

export interface ScenarioResult {
  id: string;
  group: string;
  about: string;
  ours: Observation;
  peer: Observation;
  verdict: Verdict;
  /** Why the sides differ (listed differences). */
  causes?: readonly Cause[];
  ms: { ours: number; peer: number };
  /** An earlier run of this scenario differed unexpectedly and it was run again (timing under load). */
  rerun?: boolean;
}

async function observe(call: Call, scenario: Scenario): Promise<{ obs: Observation; ms: number }> {
  const t0 = performance.now();
  try {
    const obs = await scenario.drive(createDriveApi(call, scenario.id));
    return { obs, ms: performance.now() - t0 };
  } catch (error) {
    return { obs: { compare: { driveError: String((error as Error)?.message ?? error) } }, ms: performance.now() - t0 };
  }
}

export function verdictOf(id: string, same: boolean): { verdict: Verdict; causes?: readonly Cause[] } {
  const causes = KNOWN_DIFFERENCES[id];
  if (same) return causes === undefined ? { verdict: 'same' } : { verdict: 'difference gone', causes };
  return causes === undefined ? { verdict: 'DIFFERENT' } : { verdict: 'known difference', causes };
}

async function runOne(scenario: Scenario, sides: { ours: Call; peer: Call }): Promise<ScenarioResult> {
  const [ours, peer] = await Promise.all([observe(sides.ours, scenario), observe(sides.peer, scenario)]);
  const same = isDeepStrictEqual(ours.obs.compare, peer.obs.compare);
  return {
    id: scenario.id,
    group: scenario.group,
    about: scenario.about,
    ours: ours.obs,
    peer: peer.obs,
    ...verdictOf(scenario.id, same),
    ms: { ours: Math.round(ours.ms), peer: Math.round(peer.ms) },
  };
}

export async function runScenarios(
  scenarios: readonly Scenario[],
  sides: { ours: Call; peer: Call },
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    let result = await runOne(scenario, sides);
    // A machine under load can stretch a gap or a sleep past what a scenario tolerates: an unexpected verdict
    // gets up to RERUNS more runs (the report says so); the last one stands.
    for (let i = 0; i < RERUNS && (result.verdict === 'DIFFERENT' || result.verdict === 'difference gone'); i += 1) {
      result = { ...(await runOne(scenario, sides)), rerun: true };
    }
    results.push(result);
  }
  return results;
}
