import { describe, expect, it } from 'vitest';
import { reduceJournal } from '../../engine';
import { createTestEngine, T0 } from '../test-support/engine-journal';
import { durationAt, summarizeInstance } from './instance-summary';

const HOUR = 3_600_000;

async function greeted() {
  const t = createTestEngine(async ({ event, step }) => {
    const who = (event.payload as { who: string }).who;
    await step.do('shout', () => who.toUpperCase());
    await step.sleep('nap', '1 hour');
    return `Hello, ${who}!`;
  });
  await t.create({ who: 'Ada' });
  await t.idle();
  return t.journal();
}

describe('summarizeInstance()', () => {
  it('shows a complete instance: params, output, start, end, duration, runs, steps and calls', async () => {
    const events = await greeted();
    const s = summarizeInstance(reduceJournal(events), events);
    expect(durationAt(s, T0 + 99 * HOUR)).toBe(HOUR);
    expect(s).toMatchObject({
      id: 'i-1',
      workflowName: 'wf',
      status: 'complete',
      params: { who: 'Ada' },
      output: { present: true, value: 'Hello, Ada!' },
      error: null,
      startedAt: T0,
      endedAt: T0 + HOUR,
      runs: 2,
      steps: 1,
      calls: 2,
    });
    expect(s.history.map((c) => c.status)).toEqual(['queued', 'running', 'waiting', 'running', 'complete']);
  });

  it('is the state at a past position when given a prefix view (time travel), still going until now', async () => {
    const events = await greeted();
    const sleepAt = events.findIndex((e) => e.type === 'sleep-started') + 1;
    const past = reduceJournal(events.slice(0, sleepAt));
    const s = summarizeInstance(past, events);
    expect(s).toMatchObject({ status: 'waiting', output: { present: false }, endedAt: null, runs: 1 });
    // Still going: to now live, to the position's own time while time travelling.
    expect(durationAt(s, T0 + 10 * 60_000)).toBe(10 * 60_000);
    expect(durationAt(s, s.updatedAt)).toBe(0);
    expect(s.history.map((c) => c.status)).toEqual(['queued', 'running', 'waiting']);
  });

  it('tells a run() that returned None (present, null) from one that has not returned', async () => {
    const t = createTestEngine(async () => null);
    await t.create();
    await t.idle();
    const events = await t.journal();
    expect(summarizeInstance(reduceJournal(events), events).output).toEqual({ present: true, value: null });
  });

  it('carries the error of an errored instance and ends at the error', async () => {
    const t = createTestEngine(async ({ step }) => {
      await step.sleep('nap', '5 seconds');
      throw new TypeError('bad input');
    });
    await t.create();
    await t.idle();
    const events = await t.journal();
    const s = summarizeInstance(reduceJournal(events), events);
    expect(durationAt(s, T0 + HOUR)).toBe(5000);
    expect(s).toMatchObject({
      status: 'errored',
      error: { name: 'TypeError', message: 'bad input' },
      output: { present: false },
      endedAt: T0 + 5000,
    });
    expect(s.history.at(-1)).toEqual({ status: 'errored', cause: 'run-errored', at: T0 + 5000, seq: events.length });
  });
});
