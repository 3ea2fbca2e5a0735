import { describe, expect, it } from 'vitest';
import type { WorkflowStep } from '../../engine';
import { createTestEngine } from '../test-support/engine-journal';
import { describeEvent } from './event-text';

describe('describeEvent()', () => {
  it('says what each event of a retried, sleeping run records', async () => {
    let n = 0;
    const t = createTestEngine(async ({ step }: { step: WorkflowStep }) => {
      await step.do(
        'flaky',
        () => {
          n += 1;
          if (n === 1) throw new TypeError('nope');
          return n;
        },
        { retries: { limit: 1, delay: '1 second' } },
      );
      await step.sleep('nap', '2 seconds');
    });
    await t.create();
    await t.idle();
    const texts = (await t.journal()).map(describeEvent);
    expect(texts).toContain('instance created (wf)');
    expect(texts).toContain('run 1 started (create)');
    expect(texts).toContain('step flaky: attempt 1 failed (TypeError)');
    expect(texts).toContain('step flaky succeeded (attempt 2)');
    expect(texts).toContain('sleep nap started (2.0 s)');
    expect(texts).toContain('run 3 replayed 1 call from the journal');
    expect(texts.at(-1)).toBe('run 3 finished: run() returned');
  });

  it('says which events the file’s mocks sent', () => {
    const sent = {
      type: 'event-buffered',
      instanceId: 'i',
      seq: 3,
      at: 0,
      wall: 0,
      payload: null,
      timestamp: 0,
    } as const;
    expect(describeEvent({ ...sent, eventType: 'approved' })).toBe('event “approved” sent');
    expect(describeEvent({ ...sent, eventType: 'approved', scripted: 'events[0]' })).toBe(
      'event “approved” sent by the file’s mocks (events[0])',
    );
  });
});
