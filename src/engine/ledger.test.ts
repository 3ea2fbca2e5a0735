import { describe, expect, it } from 'vitest';
import type { JournalEvent, JournalEventDraft } from './journal';
import { reduceJournal, summarizeJournal } from './ledger';
import { createHarness } from './test-harness';

const CONFIG = { retries: { limit: 1, delay: 1000, backoff: 'constant' as const }, timeout: 5000 };

/** Stamps drafts into a journal of instance `i`, one event per millisecond. */
function journal(...drafts: JournalEventDraft[]): JournalEvent[] {
  return drafts.map((d, i) => ({ ...d, instanceId: 'i', seq: i + 1, at: 1000 + i, wall: 1000 + i }) as JournalEvent);
}

const created: JournalEventDraft = { type: 'instance-created', workflowName: 'wf', params: { p: 1 } };
const run = (n: number): JournalEventDraft => ({ type: 'run-started', run: n, reason: n === 1 ? 'create' : 'wake' });
const step = (name: string): JournalEventDraft[] => [
  { type: 'step-started', name, count: 1, config: CONFIG },
  { type: 'attempt-started', name, count: 1, attempt: 1 },
];

describe('reduceJournal', () => {
  it('derives status, output and error from the journal alone', () => {
    const events = journal(created, run(1), ...step('a'), {
      type: 'step-succeeded',
      name: 'a',
      count: 1,
      attempt: 1,
      result: 7,
      logs: ['hi'],
    });
    const view = reduceJournal(events);
    expect(view).toMatchObject({ id: 'i', workflowName: 'wf', params: { p: 1 }, status: 'running', lastSeq: 5 });
    expect(view.steps.map((s) => [s.name, s.status, s.result, s.attempts[0]?.logs])).toEqual([
      ['a', 'succeeded', 7, ['hi']],
    ]);
  });

  it('is time travel: reducing the first k events gives the state after event k', async () => {
    const h = createHarness({
      wf: async ({ step: s }) => {
        await s.do('a', () => 1);
        await s.sleep('nap', 1000);
        return 'done';
      },
    });
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    const events = await h.journal(inst.id);
    const trail = events.map((e, k) => `${e.type} → ${reduceJournal(events.slice(0, k + 1)).status}`);
    expect(trail).toEqual([
      'instance-created → queued',
      'run-started → running',
      'step-started → running',
      'attempt-started → running',
      'step-succeeded → running',
      'sleep-started → waiting',
      'run-evicted → waiting',
      'run-started → waiting',
      'calls-replayed → waiting',
      'sleep-finished → running',
      'run-finished → complete',
    ]);
  });

  it('says running while an attempt is in flight, waiting when only timers are pending', () => {
    const base = journal(created, run(1), ...step('a'), {
      type: 'sleep-started',
      name: 's',
      count: 1,
      until: 9999,
      durationMs: 10,
    });
    expect(reduceJournal(base).status).toBe('running');
    const done = journal(
      created,
      run(1),
      ...step('a'),
      { type: 'sleep-started', name: 's', count: 1, until: 9999, durationMs: 10 },
      {
        type: 'step-succeeded',
        name: 'a',
        count: 1,
        attempt: 1,
        result: null,
        logs: [],
      },
    );
    expect(reduceJournal(done)).toMatchObject({ status: 'waiting', pendingWake: { at: 9999, kind: 'sleep' } });
  });

  it('marks a run that ended without an end event as crashed when the next run starts', () => {
    const view = reduceJournal(journal(created, run(1), ...step('a'), run(2)));
    expect(view.runs.map((r) => r.end)).toEqual(['crashed', null]);
    expect(view.steps[0]?.attempts.map((a) => a.outcome)).toEqual(['running']);
  });

  it('moves pending timers later by the paused time on resume', () => {
    const view = reduceJournal(
      journal(
        created,
        run(1),
        { type: 'sleep-started', name: 's', count: 1, until: 5000, durationMs: 4000 },
        { type: 'wait-started', name: 'w', count: 1, eventType: 't', timeoutAt: 7000, timeoutMs: 6000 },
        { type: 'paused' },
        { type: 'resumed', pausedFor: 300 },
        run(2),
      ),
    );
    expect(view.calls.map((c) => (c.kind === 'sleep' ? c.until : c.kind === 'wait' ? c.timeoutAt : 0))).toEqual([
      5300, 7300,
    ]);
    expect(view.runs.map((r) => r.end)).toEqual(['paused', null]);
  });

  it('applies a skipped wake by making the timer due at the skip', () => {
    const view = reduceJournal(
      journal(
        created,
        run(1),
        { type: 'sleep-started', name: 's', count: 1, until: 999_999, durationMs: 1 },
        { type: 'wake-skipped', call: { kind: 'sleep', name: 's', count: 1 }, wake: 'sleep' },
      ),
    );
    expect(view.pendingWake).toEqual({ at: 1003, kind: 'sleep', call: { kind: 'sleep', name: 's', count: 1 } });
    expect(view.calls[0]).toMatchObject({ skipped: true });
  });

  it('keeps calls before restart(from) in the new generation and the rest only as history', () => {
    const view = reduceJournal(
      journal(
        created,
        run(1),
        ...step('a'),
        { type: 'step-succeeded', name: 'a', count: 1, attempt: 1, result: 1, logs: [] },
        ...step('b'),
        { type: 'step-succeeded', name: 'b', count: 1, attempt: 1, result: 2, logs: [] },
        { type: 'run-finished', run: 1, output: 3 },
        { type: 'restarted', from: { kind: 'do', name: 'b', count: 1 } },
        run(2),
      ),
    );
    expect(view).toMatchObject({ status: 'running', output: null, generation: 1 });
    expect(view.steps.map((s) => s.name)).toEqual(['a']);
    expect(view.calls.map((c) => `${c.name}@${c.generation}`)).toEqual(['a@0', 'b@0']);
    expect(view.runs.map((r) => [r.generation, r.end])).toEqual([
      [0, 'finished'],
      [1, null],
    ]);
  });

  it('ignores events about calls the journal never started', () => {
    const view = reduceJournal(journal(created, run(1), { type: 'sleep-finished', name: 'ghost', count: 1 }));
    expect(view.calls).toEqual([]);
    expect(view.lastSeq).toBe(3);
  });
});

describe('summarizeJournal', () => {
  it('gives the summary row the engine wrote with the last event, after a restart and a failed step too', async () => {
    let failing = true;
    const h = createHarness({
      wf: async ({ step: s }) => {
        await s.do('a', () => 1);
        await s.sleep('nap', 1000);
        await s.do(
          'b',
          () => {
            if (failing) throw new Error('boom');
            return 2;
          },
          { retries: { limit: 0, delay: 0 } },
        );
        return 'done';
      },
    });
    const inst = await h.engine.binding('wf').create({ id: 'sum' });
    await h.runToIdle();
    const errored = await h.store.getInstance('sum');
    expect(errored).toMatchObject({ status: 'errored', runs: 2, steps: 2 });
    expect(summarizeJournal(await h.journal('sum'))).toEqual(errored);
    failing = false;
    await inst.restart({ from: { name: 'nap', type: 'sleep' } });
    await h.runToIdle();
    const complete = await h.store.getInstance('sum');
    expect(complete).toMatchObject({ status: 'complete', steps: 2, error: null });
    expect(summarizeJournal(await h.journal('sum'))).toEqual(complete);
  });
});
