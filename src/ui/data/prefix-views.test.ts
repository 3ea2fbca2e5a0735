import { describe, expect, it } from 'vitest';
import { reduceJournal, type WorkflowStep } from '../../engine';
import { createTestEngine } from '../test-support/engine-journal';
import { createPrefixViews } from './prefix-views';

async function journal() {
  const t = createTestEngine(async ({ step }: { step: WorkflowStep }) => {
    await step.do('a', () => 1);
    await step.sleep('nap', '1 second');
    return step.do('b', () => 2);
  });
  await t.create();
  await t.idle();
  return t.journal();
}

describe('createPrefixViews()', () => {
  it('gives the state after event k, as reduceJournal on the prefix does', async () => {
    const events = await journal();
    const views = createPrefixViews();
    for (let k = 1; k <= events.length; k++) {
      expect(views.viewAt(events, k)).toEqual(reduceJournal(events.slice(0, k)));
    }
    const sleeping = events.findIndex((e) => e.type === 'run-evicted') + 1;
    expect(views.viewAt(events, sleeping).status).toBe('waiting');
    expect(views.viewAt(events, events.length).status).toBe('complete');
  });

  it('reduces each position once while it stays cached, and again after it was evicted', async () => {
    const events = await journal();
    const views = createPrefixViews(2);
    const first = views.viewAt(events, 3);
    expect(views.viewAt(events, 3)).toBe(first);
    views.viewAt(events, 4);
    views.viewAt(events, 3);
    views.viewAt(events, 5);
    expect(views.reductions()).toBe(3);
    views.viewAt(events, 4);
    expect(views.reductions()).toBe(4);
  });

  it('keeps prefixes when the journal grows, and forgets them for another journal', async () => {
    const events = await journal();
    const views = createPrefixViews();
    const early = views.viewAt(events.slice(0, 5), 3);
    expect(views.viewAt(events, 3)).toBe(early);
    const other = (await journal()).map((e) => ({ ...e }));
    expect(views.viewAt(other, 3)).not.toBe(early);
  });

  it('clamps positions to the journal', async () => {
    const events = await journal();
    const views = createPrefixViews();
    expect(views.viewAt(events, 0).lastSeq).toBe(1);
    expect(views.viewAt(events, 10_000).lastSeq).toBe(events.length);
  });
});
