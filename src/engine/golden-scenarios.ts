/**
 * Test-only: the scenarios behind the golden journals in `__fixtures__/`. Each runs a workflow on a virtual
 * clock with fixed ids; errors are plain `{name, message}` objects so journals hold no machine-specific stacks.
 * `__fixtures__/generate.ts` writes the fixtures from these; `golden.test.ts` checks the engine against them.
 */
import type { InstanceView } from './instance-view';
import type { JournalEvent } from './journal';
import type { Harness } from './test-harness';
import type { WorkflowBody } from './types';

/** One golden scenario. `executed` lists the step function calls (name#count) of the last `make()`. */
export interface GoldenScenario {
  name: string;
  description: string;
  /** Whether the instance can be recovered from any append boundary without further host actions. */
  replayFromEveryBoundary: boolean;
  make(): { workflows: Record<string, WorkflowBody>; executed: string[]; drive(h: Harness): Promise<string> };
}

/** What a fixture file holds. */
export interface GoldenFixture {
  description: string;
  /** `seq` of the last event of each append: the only places a crash can cut the journal. */
  boundaries: number[];
  journal: JournalEvent[];
  view: ReturnType<typeof projectView>;
}

const plainError = (name: string, message: string) => ({ name, message });

const createAndRun = (id: string, params?: unknown) => async (h: Harness) => {
  await h.engine.binding('wf').create(params === undefined ? { id } : { id, params });
  await h.runToIdle();
  return id;
};

/** The golden scenarios, one fixture file each. */
export const goldenScenarios: GoldenScenario[] = [
  {
    name: 'two-steps-then-sleep',
    description: 'Two steps, a one-minute sleep (the run is evicted), then a third step in a replayed run.',
    replayFromEveryBoundary: true,
    make() {
      const executed: string[] = [];
      const wf: WorkflowBody = async ({ step }) => {
        const a = await step.do('fetch', (ctx) => executed.push(`fetch#${ctx.step.count}`) && { items: 3 });
        const b = await step.do('count', (ctx) => executed.push(`count#${ctx.step.count}`) && 3);
        await step.sleep('cool down', '1 minute');
        const c = await step.do('report', (ctx) => executed.push(`report#${ctx.step.count}`) && 'sent');
        return { a, b, c };
      };
      return { workflows: { wf }, executed, drive: createAndRun('golden-1', { user: 'ada' }) };
    },
  },
  {
    name: 'retry-then-success',
    description: 'A step fails twice (exponential backoff, 1 s then 2 s, each delay evicts the run) and succeeds.',
    replayFromEveryBoundary: true,
    make() {
      const executed: string[] = [];
      const wf: WorkflowBody = async ({ step }) =>
        step.do(
          'charge',
          (ctx, hooks) => {
            executed.push(`charge#${ctx.step.count}`);
            hooks.log(`attempt ${ctx.attempt}`);
            if (ctx.attempt < 3) throw plainError('ConnectionError', `gateway down (attempt ${ctx.attempt})`);
            return { charged: true };
          },
          { retries: { limit: 3, delay: '1 second', backoff: 'exponential' }, timeout: '30 seconds' },
        );
      return { workflows: { wf }, executed, drive: createAndRun('golden-2') };
    },
  },
  {
    name: 'events-and-timeout',
    description: 'An event sent before its wait is consumed later; a second wait times out and is caught.',
    replayFromEveryBoundary: false,
    make() {
      const executed: string[] = [];
      const wf: WorkflowBody = async ({ step }) => {
        await step.sleep('settle', '10 seconds');
        const approval = await step.waitForEvent('approval', { type: 'approve', timeout: '1 hour' });
        const second = await step
          .waitForEvent('second approval', { type: 'approve', timeout: '5 minutes' })
          .catch((e: Error) => `${e.name}: ${e.message}`);
        return { approval: approval.payload, second };
      };
      const drive = async (h: Harness) => {
        const inst = await h.engine.binding('wf').create({ id: 'golden-3' });
        await inst.sendEvent({ type: 'approve', payload: { by: 'grace' } });
        await h.runToIdle();
        return inst.id;
      };
      return { workflows: { wf }, executed, drive };
    },
  },
  {
    name: 'nonretryable-unhandled',
    description: 'A NonRetryableError escapes run(): one attempt, and the instance errors with WorkflowFatalError.',
    replayFromEveryBoundary: true,
    make() {
      const executed: string[] = [];
      const wf: WorkflowBody = async ({ step }) => {
        await step.do('validate', (ctx) => {
          executed.push(`validate#${ctx.step.count}`);
          throw plainError('NonRetryableError', 'card number is invalid');
        });
      };
      return { workflows: { wf }, executed, drive: createAndRun('golden-4') };
    },
  },
  {
    name: 'pause-resume-restart-from',
    description: 'Paused during a sleep, resumed (remaining time honoured), completed, then restarted from step b.',
    replayFromEveryBoundary: false,
    make() {
      const executed: string[] = [];
      const wf: WorkflowBody = async ({ step }) => {
        const a = await step.do('a', (ctx) => executed.push(`a#${ctx.step.count}`));
        await step.sleep('nap', '10 seconds');
        const b = await step.do('b', (ctx) => executed.push(`b#${ctx.step.count}`));
        return [a, b];
      };
      const drive = async (h: Harness) => {
        const inst = await h.engine.binding('wf').create({ id: 'golden-5' });
        await h.engine.settle();
        h.clock.advanceBy(4_000);
        await inst.pause();
        h.clock.advanceBy(60_000);
        await inst.resume();
        await h.runToIdle();
        await inst.restart({ from: { name: 'b' } });
        await h.runToIdle();
        return inst.id;
      };
      return { workflows: { wf }, executed, drive };
    },
  },
  {
    name: 'divergence',
    description: 'A step named after the run number re-executes on replay and the divergence is journaled.',
    replayFromEveryBoundary: false,
    make() {
      const executed: string[] = [];
      const wf: WorkflowBody = async ({ step, run }) => {
        await step.do(`stamp-${run}`, (ctx) => executed.push(`stamp-${run}#${ctx.step.count}`));
        await step.sleep('nap', '1 second');
        return run;
      };
      return { workflows: { wf }, executed, drive: createAndRun('golden-6') };
    },
  },
];

/** The parts of a view a golden fixture pins (compact, stable, readable in review). */
export function projectView(view: InstanceView) {
  const ref = (c: { kind: string; name: string; count: number }) => `${c.kind}:${c.name}#${c.count}`;
  return {
    status: view.status,
    output: view.output,
    error: view.error,
    generation: view.generation,
    pendingWake: view.pendingWake ?? null,
    runs: view.runs.map((r) => ({
      run: r.run,
      reason: r.reason,
      end: r.end,
      executed: r.executed.map(ref),
      replayed: r.replayed.map(ref),
      divergence: r.divergence && {
        expected: ref(r.divergence.expected),
        got: r.divergence.got && ref(r.divergence.got),
      },
    })),
    calls: view.calls.map((c) => ({
      call: ref(c),
      generation: c.generation,
      status: c.status,
      ...(c.kind === 'do' ? { attempts: c.attempts.map((a) => `${a.outcome}@run${a.run}`), result: c.result } : {}),
    })),
    events: view.events.map((e) => ({
      type: e.type,
      payload: e.payload,
      consumedBy: e.consumedBy && ref(e.consumedBy),
    })),
  };
}
