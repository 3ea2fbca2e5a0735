/**
 * Chaos in the browser: the executor worker is killed at seeded random points of a 50-step workflow, and the
 * page is reloaded while the workflow sleeps. The instance must end with the output an undisturbed run gives,
 * with every step succeeding exactly once in the journal and no step body running after its success was
 * journaled.
 *
 * Executions are counted twice: by the prints the journal captured, and by a probe outside the executor —
 * every step body logs "step-i attempt n" to the worker's console before it awaits, and the test hears every
 * executor worker's console (workflow code gets no channel of its own). So a body killed mid-run, whose print
 * the journal never sees, is still counted.
 *
 * Reproduce a failure with the seed it prints: `CHAOS_SEED=<seed> PORT=… npx playwright test e2e/executor-chaos.e2e.ts`.
 */
import { expect, type Page, test } from '@playwright/test';
import type { AttemptFailedEvent, JournalEvent, SleepStartedEvent, StepSucceededEvent } from '../src/engine';
import {
  collectNotices,
  notices,
  openProbe,
  PROBE_CHANNEL,
  READY_TIMEOUT,
  readInstance,
  run,
  succeededPrints,
  waitForStatus,
  waitReady,
} from './executor-helpers';

const STEPS = 50;
/** The sleep comes before this step. */
const SLEEP_BEFORE = 25;
const SLEEP_SECONDS = 8;
/** Kills per page life: the supervisor gives up after more than 5 restarts a minute. */
const KILLS_PER_PAGE = 3;
/** Fewest steps between two kills' counts (see `plan`). */
const KILL_GAP = 4;

const CHAOS = `import asyncio
import js
from workers import WorkflowEntrypoint

class ChaosWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        probe = js.console
        value = event["payload"]["start"]
        for i in range(${STEPS}):
            if i == ${SLEEP_BEFORE}:
                await step.sleep("nap", "${SLEEP_SECONDS} seconds")

            @step.do(f"step-{i}")
            async def work(ctx):
                probe.log(f"${PROBE_CHANNEL}: step-{i} attempt {ctx['attempt']}")
                await asyncio.sleep(0.05)
                print(f"step-{i} ran")
                return (value * 31 + i) % 1000003

            value = await work()
        return value
`;

/** What an undisturbed run returns, computed here rather than by running it. */
function expectedOutput(start: number): number {
  let value = start;
  for (let i = 0; i < STEPS; i++) value = (value * 31 + i) % 1000003;
  return value;
}

/** mulberry32: a small seeded PRNG, so the kill points of a failing run can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A kill: once `after` steps have succeeded, kill the worker `delayMs` later, or arm a kill at the next attempt. */
interface Kill {
  after: number;
  kind: 'now' | 'next-step';
  delayMs: number;
}

/**
 * `count` kills at step counts in [lo, hi], at least {@link KILL_GAP} apart, so they are spread over the run
 * even though a kill can land a few steps after its count (the page polls the journal; an armed kill waits for
 * the next attempt).
 */
function plan(random: () => number, count: number, lo: number, hi: number): Kill[] {
  for (;;) {
    const afters = Array.from({ length: count }, () => lo + Math.floor(random() * (hi - lo + 1))).sort((a, b) => a - b);
    if (afters.some((a, i) => i > 0 && a - (afters[i - 1] as number) < KILL_GAP)) continue;
    return afters.map((after) => ({
      after,
      kind: random() < 0.5 ? 'now' : 'next-step',
      delayMs: Math.floor(random() * 80),
    }));
  }
}

/**
 * Waits in the page until `after` steps of `id` have succeeded and the run of `id` numbered `runs` (its
 * `run-started` events counted) has journaled a step success, then kills the executor now (after `delayMs`) or
 * at its next step. Counting runs, not seqs: the replacement executor first replays the journal's
 * write-ahead log into IndexedDB, so events of the killed run may appear after the kill — they must not count
 * as the new run's progress, or the next kill would land before the new run started.
 */
async function killWhen(page: Page, id: string, kill: Kill, runs: number): Promise<void> {
  await page.evaluate(
    async ({ id, kill, runs }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('workflow-studio');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const due = () =>
        new Promise<boolean>((resolve, reject) => {
          const range = IDBKeyRange.bound([id, -Infinity], [id, Infinity]);
          const req = db.transaction('journal', 'readonly').objectStore('journal').getAll(range);
          req.onsuccess = () => {
            const events = req.result as { type: string; seq: number }[];
            const successes = events.filter((e) => e.type === 'step-succeeded');
            const starts = events.filter((e) => e.type === 'run-started');
            const run = starts.length >= runs ? (starts[runs - 1]?.seq ?? 0) : Number.POSITIVE_INFINITY;
            resolve(successes.length >= kill.after && (successes.at(-1)?.seq ?? 0) > run);
          };
          req.onerror = () => reject(req.error);
        });
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      try {
        while (!(await due())) await pause(5);
      } finally {
        db.close();
      }
      if (kill.kind === 'next-step') return window.__studio?.killAtNextStep();
      await pause(kill.delayMs);
      return window.__studio?.killExecutor();
    },
    { id, kill, runs },
  );
}

/** Waits until the page has seen `count` executor restarts and Python is ready again. */
async function restarted(page: Page, count: number): Promise<void> {
  await expect
    .poll(async () => (await notices(page)).filter((n) => n.name === 'ExecutorRestarted').length, {
      timeout: READY_TIMEOUT,
    })
    .toBe(count);
  await waitReady(page);
}

const stepOf = (e: JournalEvent) => ('name' in e ? e.name : '');

test.describe('executor: chaos in the browser', () => {
  test('a 50-step workflow survives seeded kills of the worker and a reload mid-sleep: same output, no journaled success runs again', async ({
    context,
  }) => {
    test.setTimeout(600_000);
    const seed = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const random = prng(seed);
    const start = Math.floor(random() * 1000);
    // The last kill of each page life leaves 7 steps to run before the sleep (or the end): a kill can land a few
    // steps after its count, and must still interrupt a run — an armed one must fire before the sleep.
    const before = plan(random, KILLS_PER_PAGE, 1, SLEEP_BEFORE - 8);
    const after = plan(random, KILLS_PER_PAGE, SLEEP_BEFORE + 1, STEPS - 8);
    const why = `seed ${seed} (CHAOS_SEED=${seed} reproduces it); kills ${JSON.stringify([...before, ...after])}`;
    console.log(`executor chaos: ${why}`);
    test.info().annotations.push({ type: 'seed', description: why });

    const probed = await openProbe(await context.newPage());
    const page = await context.newPage();
    await page.goto('/');
    expect(await waitReady(page)).toMatchObject({ role: 'leader' });
    await collectNotices(page);
    await run(page, { source: CHAOS, workflowName: 'chaos-workflow', id: 'chaos-1', params: { start } });

    // Runs of run(): the first (create), then one recovery per kill, then the wake after the sleep.
    let runs = 1;
    for (const [i, kill] of before.entries()) {
      await killWhen(page, 'chaos-1', kill, runs++);
      await restarted(page, i + 1);
    }

    // Mid-sleep: reload the page. The sleep must go on from its journaled end, not start again.
    await waitForStatus(page, 'chaos-1', 'waiting', READY_TIMEOUT);
    const reloadAt = Date.now();
    await page.reload();
    expect(await waitReady(page)).toMatchObject({ role: 'leader' });
    const readyAt = Date.now();
    await collectNotices(page);

    runs += 1; // the wake
    for (const [i, kill] of after.entries()) {
      await killWhen(page, 'chaos-1', kill, runs++);
      await restarted(page, i + 1);
    }
    await waitForStatus(page, 'chaos-1', 'complete', 2 * READY_TIMEOUT);

    const { summary, journal } = await readInstance(page, 'chaos-1');
    expect(summary, why).toMatchObject({ status: 'complete', error: null, steps: STEPS });
    expect(
      journal.find((e) => e.type === 'run-finished'),
      why,
    ).toMatchObject({ output: expectedOutput(start) });

    // Every step succeeded exactly once, and its print is there exactly once among the succeeded attempts.
    const names = Array.from({ length: STEPS }, (_, i) => `step-${i}`);
    const successes = journal.filter((e): e is StepSucceededEvent => e.type === 'step-succeeded');
    expect(
      successes.map((e) => e.name),
      why,
    ).toEqual(names);
    expect(succeededPrints(journal), why).toEqual(names.map((n) => `${n} ran`));

    // No journaled success ran again: no attempt of a step started after its success, and every attempt before
    // it was lost to a kill (journaled as failed with the internal error) — nothing else went wrong.
    const failed = journal.filter((e): e is AttemptFailedEvent => e.type === 'attempt-failed');
    for (const success of successes) {
      const attempts = journal.filter((e) => e.type === 'attempt-started' && e.name === success.name);
      expect(
        attempts.filter((e) => e.seq > success.seq),
        `${success.name}: ${why}`,
      ).toEqual([]);
      expect(
        attempts.map((e) => e.type === 'attempt-started' && e.attempt),
        `${success.name}: ${why}`,
      ).toEqual(Array.from({ length: success.attempt }, (_, i) => i + 1));
    }
    expect(
      failed.map((e) => e.error),
      why,
    ).toEqual(
      failed.map(() => ({ name: 'WorkflowInternalError', message: 'Attempt failed due to internal workflows error' })),
    );

    // Every body that really ran (seen by the probe) ran as a journaled attempt, at most once per attempt, and
    // never as an attempt after the step's success; every succeeded attempt was seen running.
    const executions = await probed();
    expect(
      executions.filter((x, i) => executions.indexOf(x) !== i),
      `executions seen twice; ${why}`,
    ).toEqual([]);
    const journaled = new Set(
      journal.flatMap((e) => (e.type === 'attempt-started' ? [`${e.name} attempt ${e.attempt}`] : [])),
    );
    expect(
      executions.filter((x) => !journaled.has(x)),
      `executions without a journaled attempt; ${why}`,
    ).toEqual([]);
    for (const success of successes) {
      const ran = executions.filter((x) => x.startsWith(`${success.name} attempt `));
      expect(ran, `${success.name}: ${why}`).toContain(`${success.name} attempt ${success.attempt}`);
      expect(
        ran.filter((x) => Number(x.split(' ').at(-1)) > success.attempt),
        `${success.name}: ${why}`,
      ).toEqual([]);
    }

    // The sleep ran once and ended on time: not before its journaled end, and soon after it — or after Python
    // was ready again, when a loaded machine took longer than the sleep to reload.
    const sleeps = journal.filter((e): e is SleepStartedEvent => e.type === 'sleep-started');
    const woke = journal.filter((e) => e.type === 'sleep-finished');
    expect(sleeps.map(stepOf)).toEqual(['nap']);
    expect(woke.map(stepOf)).toEqual(['nap']);
    const sleep = sleeps[0] as SleepStartedEvent;
    const wall = woke[0]?.wall ?? 0;
    expect(wall, `the reload came before the sleep ended; ${why}`).toBeGreaterThan(reloadAt);
    expect(wall - sleep.until, why).toBeGreaterThanOrEqual(0);
    expect(wall - Math.max(sleep.until, readyAt), why).toBeLessThan(2_000);

    // The kills and the reload each started a new run of run(): 6 recoveries and the wake after the sleep.
    const reasons = journal.flatMap((e) => (e.type === 'run-started' ? [e.reason] : []));
    console.log(
      `executor chaos: ${executions.length} executions, ${journaled.size} journaled attempts, ${failed.length} lost to kills, runs ${reasons.join(' ')}`,
    );
    expect(reasons.filter((r) => r === 'recover').length, why).toBe(2 * KILLS_PER_PAGE);
    expect(reasons.filter((r) => r === 'wake').length, why).toBe(1);
  });
});
