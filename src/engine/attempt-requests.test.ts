/** An attempt's request list: what `hooks.request` is told is journaled with the attempt's end and in its view. */
import { describe, expect, it } from 'vitest';
import type { AttemptFailedEvent, StepSucceededEvent } from './journal';
import type { RequestRecord } from './mocks';
import { MAX_REQUESTS_PER_ATTEMPT } from './step-runner';
import { createHarness } from './test-harness';
import type { WorkflowBody } from './types';

const request = (n: number): RequestRecord => ({
  method: 'GET',
  url: `https://api.example/${n}`,
  outcome: 'mock',
  status: n === 1 ? 503 : 200,
  mock: 'http[0]',
  ms: 3,
});

describe('request list per attempt', () => {
  it('journals the requests of each attempt with its end, and none when it made none', async () => {
    const wf: WorkflowBody = async ({ step }) => {
      await step.do(
        'charge',
        (ctx, hooks) => {
          hooks.request?.(request(ctx.attempt));
          if (ctx.attempt === 1) throw new Error('503');
          return 'ok';
        },
        { retries: { limit: 1, delay: 0 } },
      );
      await step.do('quiet', () => 1);
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create({});
    await h.runToIdle();
    const journal = await h.journal(inst.id);
    const failed = journal.find((e) => e.type === 'attempt-failed') as AttemptFailedEvent;
    const succeeded = journal.filter((e) => e.type === 'step-succeeded') as StepSucceededEvent[];
    expect(failed.requests).toEqual([request(1)]);
    expect(succeeded[0]?.requests).toEqual([request(2)]);
    expect(succeeded[1] && 'requests' in succeeded[1]).toBe(false);
    const view = await h.view(inst.id);
    const charge = view.steps.find((s) => s.name === 'charge');
    expect(charge?.attempts.map((a) => a.requests)).toEqual([[request(1)], [request(2)]]);
  });

  it(`keeps the first ${MAX_REQUESTS_PER_ATTEMPT} requests of an attempt, and none told after it ended`, async () => {
    let late: ((r: RequestRecord) => void) | undefined;
    const wf: WorkflowBody = async ({ step }) => {
      await step.do('loop', (_ctx, hooks) => {
        for (let i = 0; i < MAX_REQUESTS_PER_ATTEMPT + 5; i++) hooks.request?.(request(i));
        late = hooks.request;
      });
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create({});
    await h.runToIdle();
    late?.(request(999));
    const done = (await h.journal(inst.id)).find((e) => e.type === 'step-succeeded') as StepSucceededEvent;
    expect(done.requests).toHaveLength(MAX_REQUESTS_PER_ATTEMPT);
    expect(done.requests?.at(-1)?.url).toBe(`https://api.example/${MAX_REQUESTS_PER_ATTEMPT - 1}`);
  });
});
