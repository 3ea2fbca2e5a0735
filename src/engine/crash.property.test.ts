/**
 * Property: whatever point the engine dies at — during any journal append (with or without that append being
 * written) or while a step function is executing — a new engine on the same store, after `recover()`,
 * finishes the workflow such that no step whose success was journaled ever runs again, every event the client
 * saw acknowledged is journaled and consumed in FIFO order, and the dead engine never writes again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NEVER } from './async-utils';
import { createVirtualClock } from './clock';
import { createEngine } from './engine';
import type { JournalEvent } from './journal';
import { reduceJournal } from './ledger';
import { createMemoryJournalStore } from './memory-store';
import type { JournalStore } from './store';
import { T0 } from './test-harness';
import type { Engine, WorkflowBody, WorkflowStep } from './types';

type Op =
  | { kind: 'do'; fails: number }
  | { kind: 'pair'; fails: number }
  | { kind: 'sleep'; ms: number }
  | { kind: 'wait'; type: 'a' | 'b' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('do' as const), fails: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('pair' as const), fails: fc.integer({ min: 0, max: 1 }) }),
  fc.record({ kind: fc.constant('sleep' as const), ms: fc.integer({ min: 0, max: 5_000 }) }),
  fc.record({ kind: fc.constant('wait' as const), type: fc.constantFrom('a' as const, 'b' as const) }),
);

const planArb = fc.record({
  ops: fc.array(opArb, { minLength: 1, maxLength: 8 }),
  appendCrashes: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 4 }),
  writeOnCrash: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  stepCrashes: fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { maxLength: 3 }),
});

type Plan = typeof planArb extends fc.Arbitrary<infer P> ? P : never;

/** How much recovering the property actually exercised (so it cannot pass vacuously). */
const stats = { scenarios: 0, recoveries: 0, lostAttempts: 0 };

async function scenario(plan: Plan): Promise<void> {
  const clock = createVirtualClock(T0);
  const inner = createMemoryJournalStore();
  const succeeded = new Set<string>();
  const violations: string[] = [];
  const writeOnCrash = [...plan.writeOnCrash];
  let appends = 0;
  let executions = 0;
  let armed = false;
  let engine: Engine;
  let crashed = false;
  let killStore = () => {};

  const crash = () => {
    crashed = true;
    killStore();
    engine.dispose();
  };
  const noteWritten = (events: readonly JournalEvent[]) => {
    for (const e of events) if (e.type === 'step-succeeded') succeeded.add(`${e.name}#${e.count}`);
  };
  const crashingStore = (): JournalStore => {
    let dead = false;
    killStore = () => {
      dead = true;
    };
    return {
      ...inner,
      async append(id, events, summary) {
        if (dead) {
          violations.push(`a dead engine appended ${events.map((e) => e.type).join('+')}`);
          return NEVER;
        }
        if (armed && plan.appendCrashes.includes(++appends)) {
          const write = writeOnCrash.shift() ?? true;
          crash();
          if (write) {
            await inner.append(id, events, summary);
            noteWritten(events);
          }
          return NEVER;
        }
        await inner.append(id, events, summary);
        noteWritten(events);
      },
    };
  };

  const doStep = (step: WorkflowStep, name: string, fails: number) =>
    step.do(
      name,
      async (ctx) => {
        const key = `${name}#${ctx.step.count}`;
        if (succeeded.has(key)) violations.push(`${key} ran again after its success was journaled`);
        if (plan.stepCrashes.includes(++executions)) {
          crash();
          return NEVER;
        }
        await new Promise((r) => setImmediate(r));
        if (ctx.attempt <= fails) throw new Error(`planned failure ${ctx.attempt}`);
        return `v-${name}`;
      },
      { retries: { limit: 10, delay: 10, backoff: 'constant' } },
    );

  const body: WorkflowBody = async ({ step }) => {
    const out: unknown[] = [];
    for (const [i, op] of plan.ops.entries()) {
      if (op.kind === 'do') out.push(await doStep(step, `s${i}`, op.fails));
      if (op.kind === 'pair')
        out.push(await Promise.all([doStep(step, `p${i}a`, op.fails), doStep(step, `p${i}b`, 0)]));
      if (op.kind === 'sleep') out.push(await step.sleep(`z${i}`, op.ms).then(() => 'slept'));
      if (op.kind === 'wait') out.push((await step.waitForEvent(`w${i}`, { type: op.type, timeout: '1 day' })).payload);
    }
    return out;
  };

  const boot = async (recover: boolean) => {
    crashed = false;
    engine = createEngine({
      store: crashingStore(),
      clock,
      resolveWorkflow: () => body,
      defer: (cb) => setImmediate(cb),
      newId: () => 'unused',
    });
    if (recover) await engine.recover();
  };

  await boot(false);
  await engine!.binding('wf').create({ id: 'prop' });
  armed = true;

  const events = plan.ops.flatMap((op, i) => (op.kind === 'wait' ? [{ type: op.type, payload: `e-${i}` }] : []));
  const acknowledged = new Set<string>();
  const crashedSignal = () =>
    new Promise<'crashed'>((resolve) => {
      const poll = () => (crashed ? resolve('crashed') : setImmediate(poll));
      poll();
    });

  for (let restarts = 0; ; restarts++) {
    expect(restarts).toBeLessThan(20);
    const journaled = new Set(
      (await inner.read('prop')).flatMap((e) => (e.type === 'event-buffered' ? [e.payload] : [])),
    );
    for (const e of events) {
      if (crashed) break;
      if (acknowledged.has(e.payload as string) || journaled.has(e.payload)) continue;
      const sent = engine!
        .binding('wf')
        .get('prop')
        .then((h) => h.sendEvent(e))
        .then(
          () => 'sent' as const,
          (error: unknown) => (crashed ? ('crashed' as const) : Promise.reject(error)),
        );
      if ((await Promise.race([sent, crashedSignal()])) === 'sent') acknowledged.add(e.payload);
    }
    while (!crashed) {
      await engine!.settle();
      const next = clock.nextTimerAt();
      if (crashed || next === undefined) break;
      clock.advanceTo(next);
    }
    if (!crashed) break;
    stats.recoveries += 1;
    await boot(true);
  }
  stats.scenarios += 1;

  const journal = await inner.read('prop');
  const view = reduceJournal(journal);
  expect(violations).toEqual([]);
  expect(view.status).toBe('complete');
  const expected = plan.ops.map((op, i) =>
    op.kind === 'do'
      ? `v-s${i}`
      : op.kind === 'pair'
        ? [`v-p${i}a`, `v-p${i}b`]
        : op.kind === 'sleep'
          ? 'slept'
          : `e-${i}`,
  );
  expect(view.output).toEqual(expected);
  const successes = journal.filter((e) => e.type === 'step-succeeded').map((e) => `${e.name}#${e.count}`);
  expect(new Set(successes).size).toBe(successes.length);
  const buffered = journal.flatMap((e) => (e.type === 'event-buffered' ? [e.payload] : []));
  for (const payload of acknowledged) expect(buffered).toContain(payload);
  expect(view.events.every((e) => e.consumedBy !== null)).toBe(true);
  stats.lostAttempts += journal.filter(
    (e) => e.type === 'attempt-failed' && e.error.name === 'WorkflowInternalError',
  ).length;
}

describe('crash recovery (property)', () => {
  it('never re-runs a journaled success, loses no acknowledged event and never writes from a dead engine', async () => {
    await fc.assert(fc.asyncProperty(planArb, scenario), { numRuns: 150, seed: 20_241_126 });
    expect(stats.recoveries).toBeGreaterThan(stats.scenarios / 2);
    expect(stats.lostAttempts).toBeGreaterThan(10);
  });

  it('survives a crash at every single append of a fixed workflow', async () => {
    const ops: Op[] = [
      { kind: 'do', fails: 1 },
      { kind: 'wait', type: 'a' },
      { kind: 'sleep', ms: 1000 },
      { kind: 'pair', fails: 1 },
    ];
    for (let at = 1; at <= 30; at++) {
      for (const write of [true, false]) {
        await scenario({ ops, appendCrashes: [at], writeOnCrash: [write, true, true, true], stepCrashes: [] });
      }
    }
  });
});
