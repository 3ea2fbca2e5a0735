/** Binding calls a step attempt reports (`hooks.binding`) are journaled with that attempt, capped per attempt. */
import { describe, expect, it } from 'vitest';
import type { BindingCall, StepSucceededEvent } from './journal';
import { reduceJournal } from './ledger';
import { MAX_BINDING_CALLS } from './step-runner';
import { createHarness } from './test-harness';
import type { WorkflowBody } from './types';

const call = (i: number): BindingCall => ({ binding: 'KV', op: 'get', target: `k${i}`, ok: true });

async function journalOf(wf: WorkflowBody) {
  const h = createHarness({ wf });
  const inst = await h.engine.binding('wf').create({});
  await h.runToIdle();
  return h.journal(inst.id);
}

describe('binding calls in the journal', () => {
  it('records them with the attempt, failed attempts too, and leaves attempts without calls as they were', async () => {
    let attempt = 0;
    const journal = await journalOf(async ({ step }) => {
      await step.do(
        'charge',
        (_ctx, hooks) => {
          attempt += 1;
          hooks.binding?.(call(attempt));
          if (attempt === 1) throw new Error('flaky');
          return 'ok';
        },
        { retries: { limit: 1, delay: 0 } },
      );
      await step.do('plain', () => 1);
    });
    const failed = journal.find((e) => e.type === 'attempt-failed');
    expect(failed).toMatchObject({ bindings: [call(1)] });
    const succeeded = journal.filter((e): e is StepSucceededEvent => e.type === 'step-succeeded');
    expect(succeeded.map((e) => e.bindings)).toEqual([[call(2)], undefined]);
    expect(succeeded[1]).not.toHaveProperty('bindings');
    const view = reduceJournal(journal);
    const charge = view.calls.find((c) => c.name === 'charge');
    expect(charge?.kind === 'do' && charge.attempts.map((a) => a.bindings)).toEqual([[call(1)], [call(2)]]);
  });

  it(`keeps the first ${MAX_BINDING_CALLS} calls of an attempt and counts the rest in one record`, async () => {
    const journal = await journalOf(async ({ step }) => {
      await step.do('busy', (_ctx, hooks) => {
        for (let i = 0; i < MAX_BINDING_CALLS + 5; i++) hooks.binding?.(call(i));
      });
    });
    const bindings = (journal.find((e) => e.type === 'step-succeeded') as StepSucceededEvent).bindings ?? [];
    expect(bindings).toHaveLength(MAX_BINDING_CALLS + 1);
    expect(bindings.at(-1)).toEqual({ binding: '', op: 'truncated', target: '5 more binding calls', ok: true });
  });
});
