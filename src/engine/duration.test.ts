import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration';
import { createHarness } from './test-harness';
import type { WorkflowBody } from './types';

const S = 1000;
const DAY = 86_400 * S;

describe('parseDuration', () => {
  it.each([
    ['1 second', S],
    ['10 seconds', 10 * S],
    ['1 minute', 60 * S],
    ['2 hours', 2 * 3600 * S],
    ['1.5 hours', 1.5 * 3600 * S],
    ['1 day', DAY],
    ['1 week', 7 * DAY],
    ['1 month', 30 * DAY],
    ['2 years', 2 * 365.25 * DAY],
    ['.5 seconds', 500],
  ])('reads %j as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('reads numbers as milliseconds', () => {
    expect(parseDuration(1500)).toBe(1500);
  });

  it.each(['5 parsecs', '10', '10seconds', 'ten seconds', '10 ms', '10 Seconds', '-1 second', ''])(
    'rejects %j with a WorkflowFatalError quoting it',
    (text) => {
      expect(() => parseDuration(text)).toThrow(
        expect.objectContaining({
          name: 'WorkflowFatalError',
          message: `Invalid duration ${JSON.stringify(text)}: use "<number> <unit>" with unit second, minute, hour, day, week, month or year, singular or plural (e.g. "10 seconds", "1.5 hours")`,
        }),
      );
    },
  );

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects the number %d', (n) => {
    expect(() => parseDuration(n)).toThrow(`Invalid duration ${n}: a number of milliseconds must be finite and ≥ 0`);
  });
});

describe('sleeps', () => {
  const outcome = async (wf: WorkflowBody) => {
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    const start = h.clock.now();
    await h.runToIdle();
    return { status: await inst.status(), elapsed: h.clock.now() - start, view: await h.view(inst.id) };
  };

  it('sleeps for a duration string or a number of milliseconds', async () => {
    const { status, elapsed } = await outcome(async ({ step }) => {
      await step.sleep('a', '1.5 minutes');
      await step.sleep('b', 500);
      return 'done';
    });
    expect(status.output).toBe('done');
    expect(elapsed).toBe(90_500);
  });

  it('throws into run() quoting an unknown unit', async () => {
    const { status } = await outcome(async ({ step }) => step.sleep('a', '3 fortnights'));
    expect(status.error?.message).toBe(
      'Invalid duration "3 fortnights": use "<number> <unit>" with unit second, minute, hour, day, week, month or year, singular or plural (e.g. "10 seconds", "1.5 hours")',
    );
  });

  it('allows at most 365 days', async () => {
    expect((await outcome(async ({ step }) => step.sleep('ok', '365 days'))).status.status).toBe('complete');
    const { status } = await outcome(async ({ step }) => step.sleep('long', '366 days'));
    expect(status.error).toEqual({
      name: 'WorkflowFatalError',
      message: 'Sleep "long" is longer than the maximum of 365 days',
    });
  });

  it('sleeps until a time and refuses a time in the past with a plain Error, as Cloudflare does', async () => {
    const { status, elapsed } = await outcome(async ({ step, event }) => {
      await step.sleepUntil('later', event.timestamp + 42_000);
      await step.sleepUntil('past', event.timestamp);
    });
    expect(elapsed).toBe(42_000);
    expect(status.error).toEqual({ name: 'Error', message: "You can't sleep until a time in the past, time-traveler" });
  });

  it('does not re-check sleepUntil against the clock on replay', async () => {
    const { status, view } = await outcome(async ({ step, event }) => {
      await step.sleepUntil('once', event.timestamp + 1000);
      await step.sleep('then', '1 hour');
      return 'ok';
    });
    expect(status.output).toBe('ok');
    expect(view.runs).toHaveLength(3);
  });

  it('returns a finished sleep at once on replay and waits only the remaining time of an unfinished one', async () => {
    const wf: WorkflowBody = async ({ step }) => {
      await step.sleep('short', '1 minute');
      await step.sleep('long', '10 minutes');
      return 'done';
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    const start = h.clock.now();
    await h.engine.settle();
    h.clock.advanceTo(start + 60_000);
    await h.engine.settle();
    h.clock.advanceTo(start + 4 * 60_000);
    h.engine.dispose();
    const again = h.reopen();
    await again.engine.recover();
    expect(again.engine.pendingWake(inst.id)).toEqual({ at: start + 11 * 60_000, kind: 'sleep' });
    await again.runToIdle();
    expect(again.clock.now()).toBe(start + 11 * 60_000);
    expect((await again.view(inst.id)).status).toBe('complete');
  });
});
