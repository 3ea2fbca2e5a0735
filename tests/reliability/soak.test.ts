/**
 * Engine soak (issue 11): many instances with sleeps, waits, retries, step timeouts and events on one store,
 * the engine killed and restarted from the store at random points hundreds of times — see soak-driver.ts for
 * how it kills and soak-checks.ts for what must hold afterwards.
 *
 * Reproduce a failure with its seed: `SOAK_SEED=<seed> npx vitest run tests/reliability/soak.test.ts`.
 * Longer local runs: `SOAK=long` (1 000 instances, 3 000 kills, a random seed), or set `SOAK_INSTANCES` and
 * `SOAK_KILLS` yourself; `SOAK_VERBOSE=1` prints what the soak did.
 */
import { describe, expect, it } from 'vitest';
import { checkSoak } from './soak-checks';
import { runSoak } from './soak-driver';

const LONG = process.env.SOAK === 'long';
const SEED = Number(process.env.SOAK_SEED ?? (LONG ? Math.floor(Math.random() * 2 ** 31) : 20_260_611));
const INSTANCES = Number(process.env.SOAK_INSTANCES ?? (LONG ? 1000 : 200));
const KILLS = Number(process.env.SOAK_KILLS ?? (LONG ? 3000 : 500));

describe('engine soak: kills and restarts at random points', () => {
  it(`${INSTANCES} instances, ${KILLS} kills: nothing lost, nothing run twice, journals well-formed (seed ${SEED})`, async () => {
    const started = performance.now();
    const run = await runSoak({ seed: SEED, instances: INSTANCES, kills: KILLS }).catch((e: unknown) => {
      throw new Error(`soak failed with seed ${SEED} (rerun with SOAK_SEED=${SEED}): ${(e as Error).message}`);
    });
    const problems = await checkSoak(run);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const summary = `seed ${SEED}: ${JSON.stringify({ kills: run.kills, ...run.stats, seconds })}`;
    if (LONG || problems.length > 0 || process.env.SOAK_VERBOSE) console.log(summary);
    expect(problems.slice(0, 20), `rerun with SOAK_SEED=${SEED}; ${summary}`).toEqual([]);
    // The soak must have exercised what it claims to.
    const total = Object.values(run.kills).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(KILLS);
    for (const [kind, n] of Object.entries(run.kills))
      expect(n, `${kind} kills; ${summary}`).toBeGreaterThan(KILLS / 20);
    expect(run.stats.idleKills, summary).toBeLessThan(KILLS / 10);
  }, 600_000);
});
