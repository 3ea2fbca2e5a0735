/**
 * A file's scripted events when a fresh executor resumes an instance (`ModuleMocks.resumed`), on a virtual
 * clock: sent at their original due time, at once when it passed, never when the journal says they were sent.
 * (executor-mocks.test.ts drives the same through real executors, Pyodide and IndexedDB.)
 */
import { describe, expect, it } from 'vitest';
import { createVirtualClock, type JournalEvent, type WorkflowBinding } from '../engine';
import { parseMocks } from '../export';
import { createModuleMocks } from './file-mocks';

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

const mocks = () => {
  const parsed = parseMocks({
    events: [
      { type: 'approved', payload: { by: 'ada' }, after: '1 hour' },
      { type: 'shipped', payload: { carrier: 'ups' }, when: 'waiting' },
    ],
  });
  if (!parsed.ok) throw new Error('bad mocks');
  return parsed.mocks;
};

const created: JournalEvent = {
  type: 'instance-created',
  instanceId: 'i1',
  seq: 1,
  at: T0,
  wall: T0,
  workflowName: 'approval',
  params: null,
};
const sentBefore = (seq: number, eventType: string, scripted: string): JournalEvent => ({
  type: 'event-buffered',
  instanceId: 'i1',
  seq,
  at: T0 + HOUR,
  wall: T0 + HOUR,
  eventType,
  payload: null,
  timestamp: T0 + HOUR,
  scripted,
});

/** Module mocks whose binding records every send with the clock's time. */
function setup(now: number) {
  const clock = createVirtualClock(now);
  const sends: string[] = [];
  const binding = (() => ({
    get: async (id: string) => ({
      id,
      sendEvent: async (e: { type: string; scripted?: string }) => {
        sends.push(`${id} ${e.type} ${e.scripted} at +${(clock.now() - T0) / 1000}s`);
      },
    }),
  })) as unknown as (workflowName: string) => WorkflowBinding;
  return { clock, sends, module: createModuleMocks(mocks(), clock, binding) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('scripted events when an instance is resumed', () => {
  it('sends an after-event not yet sent at creation + delay, once, however often it is resumed', async () => {
    const { clock, sends, module } = setup(T0 + 60_000);
    await module.resumed(async () => [created]);
    await module.resumed(async () => [created]);
    clock.advanceTo(T0 + HOUR - 1);
    await settle();
    expect(sends).toEqual([]);
    clock.advanceTo(T0 + HOUR);
    await settle();
    expect(sends).toEqual(['i1 approved events[0] at +3600s']);
  });

  it('sends it at once when its due time passed while nothing ran', async () => {
    const { clock, sends, module } = setup(T0 + 2 * HOUR);
    await module.resumed(async () => [created]);
    clock.advanceBy(0);
    await settle();
    expect(sends).toEqual(['i1 approved events[0] at +7200s']);
  });

  it('sends none the journal says were sent, not even when the replayed run waits again', async () => {
    const { clock, sends, module } = setup(T0 + 2 * HOUR);
    await module.resumed(async () => [
      created,
      sentBefore(2, 'approved', 'events[0]'),
      sentBefore(3, 'shipped', 'events[1]'),
    ]);
    module.waiting('i1', 'shipped');
    clock.advanceBy(HOUR);
    await settle();
    expect(sends).toEqual([]);
  });

  it('sends a when-waiting event the journal does not hold once the resumed run waits for it', async () => {
    const { sends, module } = setup(T0 + 2 * HOUR);
    await module.resumed(async () => [created, sentBefore(2, 'approved', 'events[0]')]);
    module.waiting('i1', 'shipped');
    module.waiting('i1', 'shipped');
    await settle();
    expect(sends).toEqual(['i1 shipped events[1] at +7200s']);
  });
});
