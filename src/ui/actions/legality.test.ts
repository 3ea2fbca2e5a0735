import { describe, expect, it } from 'vitest';
import { createTestEngine, T0 } from '../test-support/engine-journal';
import { awaitedEventTypes, executorBlocker, type InstanceAction, instanceActionLegality } from './legality';

const ACTIONS: InstanceAction[] = [
  'pause',
  'resume',
  'terminate',
  'restart',
  'restart-from',
  'send-event',
  'skip-wait',
  'delete',
];

async function instanceAt(stage: 'waiting' | 'complete' | 'paused' | 'sleeping') {
  const t = createTestEngine(async ({ step }) => {
    await step.do('a', () => 1);
    await step.sleep('nap', '10 seconds');
    return step.waitForEvent('approval', { type: 'approve', timeout: '1 hour' });
  });
  const handle = await t.create();
  await t.idle(T0 + (stage === 'sleeping' || stage === 'paused' ? 1000 : 20_000));
  if (stage === 'paused') await handle.pause();
  if (stage === 'complete') {
    await handle.sendEvent({ type: 'approve', payload: {} });
    await t.idle(T0 + 30_000);
  }
  return t.view();
}

const legal = (view: Awaited<ReturnType<typeof instanceAt>>) =>
  Object.fromEntries(ACTIONS.map((a) => [a, instanceActionLegality(a, view).ok]));

describe('instanceActionLegality()', () => {
  it('asks for a selection when no instance is selected', () => {
    expect(instanceActionLegality('pause', null)).toEqual({
      ok: false,
      reason: 'Select an instance in the list first.',
    });
  });

  it('lets a complete instance only be restarted or deleted, with the engine’s words for the rest', async () => {
    const view = await instanceAt('complete');
    expect(view.status).toBe('complete');
    expect(legal(view)).toEqual({
      pause: false,
      resume: false,
      terminate: false,
      restart: true,
      'restart-from': true,
      'send-event': false,
      'skip-wait': false,
      delete: true,
    });
    expect(instanceActionLegality('terminate', view)).toEqual({
      ok: false,
      reason: 'Cannot terminate instance since its on a finite state',
    });
    expect(instanceActionLegality('send-event', view)).toEqual({
      ok: false,
      reason: 'Cannot send an event to a workflow instance in the finite state "complete"',
    });
  });

  it('lets a sleeping instance be paused, terminated, skipped ahead and sent events, not resumed', async () => {
    const view = await instanceAt('sleeping');
    expect(view.status).toBe('waiting');
    expect(legal(view)).toMatchObject({
      pause: true,
      resume: false,
      terminate: true,
      'skip-wait': true,
      'send-event': true,
    });
    expect(instanceActionLegality('resume', view)).toEqual({
      ok: false,
      reason: 'Only a paused instance can be resumed; this one is waiting.',
    });
  });

  it('lets a paused instance be resumed, not paused again or skipped ahead', async () => {
    const view = await instanceAt('paused');
    expect(view.status).toBe('paused');
    expect(legal(view)).toMatchObject({ pause: false, resume: true, 'skip-wait': false, terminate: true });
    expect(instanceActionLegality('pause', view)).toEqual({ ok: false, reason: 'The instance is already paused.' });
  });
});

describe('awaitedEventTypes()', () => {
  it('offers the event types the instance is waiting for, and none once answered', async () => {
    expect(awaitedEventTypes(await instanceAt('waiting'))).toEqual(['approve']);
    expect(awaitedEventTypes(await instanceAt('complete'))).toEqual([]);
    expect(awaitedEventTypes(null)).toEqual([]);
  });
});

describe('executorBlocker()', () => {
  it('blocks while Python starts (saying where the boot is) and on a failed executor; a restarting one queues', () => {
    expect(executorBlocker(null)).toBe('The executor is not connected to this page yet.');
    expect(
      executorBlocker({ status: 'failed', since: 0, error: { name: 'TypeError', message: 'boom' }, role: 'leader' }),
    ).toBe('The executor failed: TypeError: boom');
    expect(executorBlocker({ status: 'starting', since: 0, role: 'leader' })).toBe(
      'Python is starting (starting the executor worker): this is enabled once Python is ready.',
    );
    expect(executorBlocker({ status: 'starting', since: 0, role: 'follower', phase: 'loading-python' })).toBe(
      'Python is starting (loading Pyodide): this is enabled once Python is ready.',
    );
    expect(executorBlocker({ status: 'restarting', since: 0, reason: 'killed', role: 'leader' })).toBeNull();
  });
});
