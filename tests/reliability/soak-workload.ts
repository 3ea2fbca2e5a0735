/**
 * The soak's workload: seeded random plans of sleeps, waits, retried steps and events, one workflow body that
 * runs any plan (read from the instance's params, so every replay runs the same plan), and the output a plan
 * must end with. Step functions report every execution to the soak, from inside the step.
 */
import {
  assertNever,
  type Clock,
  type Json,
  type StepContext,
  type WorkflowBody,
  type WorkflowStep,
} from '../../src/engine';

/** A small, fast, seedable PRNG (mulberry32): the soak's only source of randomness. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
  };
}

/** Random numbers from one seed. */
export interface Rng {
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** One call of a plan. Event types are unique per instance and op, so each wait has exactly one sender. */
export type Op =
  /** A step whose first `fails` attempts throw; retried after `delayMs`. */
  | { k: 'do'; fails: number; delayMs: number }
  /** A step that awaits the virtual clock for `ms`; with `timeoutFirst` its first attempt outlives its timeout. */
  | { k: 'slow'; ms: number; timeoutFirst: boolean }
  /** Two steps at once (`Promise.all`), the first failing `fails` times. */
  | { k: 'pair'; fails: number }
  | { k: 'sleep'; ms: number }
  /** Waits for an event the driver sends (at a random moment: before or after the wait starts). */
  | { k: 'wait'; type: string }
  /** Waits one minute for an event nobody sends: times out, and the workflow catches it. */
  | { k: 'miss'; type: string }
  /** Last op only: waits 300 days for an event nobody sends, so the instance ends `waiting`. */
  | { k: 'forever'; type: string };

/** What an instance runs; passed as its params. */
export interface Plan {
  ops: Op[];
}

/** The step timeout of `slow` steps; a first attempt with `timeoutFirst` waits twice as long. */
export const SLOW_TIMEOUT_MS = 60_000;
/** Retries of every step: enough that planned failures, timeouts and crash-lost attempts never exhaust it. */
export const RETRY_LIMIT = 30;

/** A random plan of 3–9 ops. */
export function randomPlan(rng: Rng): Plan {
  const ops: Op[] = [];
  const length = rng.int(3, 9);
  for (let i = 0; i < length; i++) {
    const r = rng.next();
    if (r < 0.25) ops.push({ k: 'do', fails: rng.pick([0, 0, 1, 2]), delayMs: rng.int(1, 120) * 1000 });
    else if (r < 0.35) ops.push({ k: 'slow', ms: rng.int(1, 50) * 1000, timeoutFirst: rng.chance(0.3) });
    else if (r < 0.45) ops.push({ k: 'pair', fails: rng.pick([0, 1]) });
    else if (r < 0.65) ops.push({ k: 'sleep', ms: rng.int(1, 7200) * 1000 });
    else if (r < 0.9) ops.push({ k: 'wait', type: `ev-${i}` });
    else ops.push({ k: 'miss', type: `miss-${i}` });
  }
  if (rng.chance(0.1)) ops.push({ k: 'forever', type: 'never' });
  return { ops };
}

/** The event payload the driver sends for a wait: unique across the soak, so duplicates are visible. */
export const payloadFor = (instanceId: string, type: string) => ({ id: `${instanceId}/${type}` });

/** The output of a completed instance that ran `plan` (`forever` plans never complete). */
export function expectedOutput(instanceId: string, plan: Plan): Json {
  return plan.ops.map((op, i): Json => {
    switch (op.k) {
      case 'do':
        return `done-s${i}`;
      case 'slow':
        return `done-slow${i}`;
      case 'pair':
        return [`done-p${i}a`, `done-p${i}b`];
      case 'sleep':
        return 'slept';
      case 'wait':
        return payloadFor(instanceId, op.type);
      case 'miss':
        return 'timed out';
      case 'forever':
        return null;
      default:
        return assertNever(op);
    }
  });
}

/** What the soak learns from inside step functions. */
export interface StepProbe {
  /** Called first thing in every execution of a step function; may crash the engine (return `true`). */
  onExecute(instanceId: string, key: string): boolean;
}

const NEVER = new Promise<never>(() => {});

/** The one workflow body: runs the plan in the instance's params. */
export function planBody(clock: Clock, probe: StepProbe): WorkflowBody {
  return async ({ step, event }) => {
    const plan = event.payload as unknown as Plan;
    const id = event.instanceId;
    const out: Json[] = [];
    for (const [i, op] of plan.ops.entries()) out.push(await runOp(step, clock, probe, id, op, i));
    return out;
  };
}

async function runOp(step: WorkflowStep, clock: Clock, probe: StepProbe, id: string, op: Op, i: number): Promise<Json> {
  const retries = (delayMs: number) => ({ limit: RETRY_LIMIT, delay: delayMs, backoff: 'constant' as const });
  const plain = (name: string, fails: number, delayMs = 1000) =>
    step.do(
      name,
      async (ctx: StepContext) => {
        if (probe.onExecute(id, `${name}#${ctx.step.count}`)) return NEVER;
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (ctx.attempt <= fails) throw new Error(`planned failure ${ctx.attempt} of ${name}`);
        return `done-${name}`;
      },
      { retries: retries(delayMs) },
    );
  switch (op.k) {
    case 'do':
      return plain(`s${i}`, op.fails, op.delayMs);
    case 'pair':
      return Promise.all([plain(`p${i}a`, op.fails), plain(`p${i}b`, 0)]);
    case 'slow': {
      const name = `slow${i}`;
      return step.do(
        name,
        async (ctx, hooks) => {
          if (probe.onExecute(id, `${name}#${ctx.step.count}`)) return NEVER;
          const ms = op.timeoutFirst && ctx.attempt === 1 ? 2 * SLOW_TIMEOUT_MS : op.ms;
          await new Promise<void>((resolve) => {
            const timer = clock.setTimer(clock.now() + ms, resolve);
            hooks.onCancel(() => timer.dispose());
          });
          return `done-${name}`;
        },
        { retries: retries(1000), timeout: SLOW_TIMEOUT_MS },
      );
    }
    case 'sleep':
      await step.sleep(`z${i}`, op.ms);
      return 'slept';
    case 'wait':
      return (await step.waitForEvent(`w${i}`, { type: op.type, timeout: '200 days' })).payload;
    case 'miss':
      try {
        await step.waitForEvent(`m${i}`, { type: op.type, timeout: '1 minute' });
        return 'received?!';
      } catch {
        return 'timed out';
      }
    case 'forever':
      await step.waitForEvent(`f${i}`, { type: op.type, timeout: '300 days' });
      return null;
    default:
      return assertNever(op);
  }
}
