/**
 * Stop means stop (supervisor side): Terminate, Pause, Delete, Stop attempt and Kill now while Python keeps the
 * worker busy — interrupt first, restart when that does not help, and the stopped attempts go to the next
 * executor before anything else. Fake worker and fake time (test-fakes.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  createAttemptSlotWriter,
  INTERRUPT,
  readInterruptTargets,
  SHARED_BUFFER_BYTES,
  type StoppedAttempt,
  stopReasonCode,
  type WorkerInput,
} from '../protocol';
import { drained, superviseFakes, until } from './test-fakes';

function setup(options: Parameters<typeof superviseFakes>[0] = {}) {
  const fakes = superviseFakes(options);
  const words = () => new Int32Array(fakes.buffers.at(-1) as SharedArrayBuffer);
  /** The worker announces attempt 1 of `step` of `instanceId` (token `token`). */
  const attempt = (token: number, instanceId: string, step = 'spin') =>
    fakes.current().emit({
      type: 'attempt-started',
      token,
      instanceId,
      step: { name: step, count: 1 },
      attempt: 1,
      timeoutMs: 600_000,
    });
  const inputOf = (type: WorkerInput['type']) => fakes.current().posted.find((m) => m.input.type === type)?.input;
  return { ...fakes, words, attempt, inputOf };
}

describe('stopping commands while Python holds the worker', () => {
  it('interrupts the targeted attempt for Terminate, with the action as the reason, and answers once Python stops', async () => {
    const { supervisor, current, time, boot, words, attempt, workers } = setup();
    await boot();
    attempt(7, 'spin-1');
    time.advance(100);
    const terminated = supervisor.request({ type: 'terminate-instance', id: 'spin-1' });
    time.advance(150);
    expect(words()[INTERRUPT.signal]).toBe(0); // not yet: a free worker answers within milliseconds
    time.advance(250);
    expect(words()[INTERRUPT.token]).toBe(7);
    expect(words()[INTERRUPT.reason]).toBe(stopReasonCode('terminate'));
    expect(words()[INTERRUPT.signal]).toBe(INTERRUPT.SIGINT);
    time.advance(100);
    current().answer('terminate-instance', { type: 'done' });
    await expect(terminated).resolves.toEqual({ type: 'done' });
    time.advance(2000);
    expect(workers).toHaveLength(1);
  });

  it('interrupts at once when the worker is already known to be blocked (the user sees it busy)', async () => {
    const { supervisor, time, boot, words, attempt } = setup();
    await boot();
    attempt(7, 'spin-1');
    time.advance(1600); // the ping sent at 1 s is unanswered
    void supervisor.request({ type: 'terminate-instance', id: 'spin-1' });
    expect(words()[INTERRUPT.token]).toBe(7);
    expect(words()[INTERRUPT.reason]).toBe(stopReasonCode('terminate'));
  });

  it('restarts the executor when Python does not stop, journals the stopped attempts first, then sends the command again, then recovers', async () => {
    const { supervisor, current, time, boot, start, attempt, workers, inputOf, notices } = setup();
    await boot();
    attempt(7, 'spin-1');
    attempt(8, 'other-1', 'charge_card');
    const terminated = supervisor.request({ type: 'terminate-instance', id: 'spin-1' });
    let settled = false;
    terminated.finally(() => {
      settled = true;
    });
    time.advance(250); // interrupted at the first tick 200 ms or more after the command
    time.advance(250);
    expect(workers).toHaveLength(1);
    time.advance(250); // 0.5 s after the interrupt the attempt is still in flight: Python did not stop
    expect(workers).toHaveLength(2);
    expect(workers[0]?.isTerminated()).toBe(true);
    expect(supervisor.getState()).toMatchObject({ status: 'restarting' });
    expect(notices.at(-1)?.message).toBe(
      'The Python executor stopped (restarted to terminate instance spin-1: Python did not stop when interrupted) and is restarting; unfinished instances resume from the journal.',
    );
    await drained();
    expect(settled).toBe(false); // carried over, not lost
    await start();
    // No other instance resumes before the command is done: the terminated one must not run again.
    expect(current().types()).toEqual(['boot-python', 'fail-stopped-attempts', 'terminate-instance', 'ping']);
    expect(inputOf('fail-stopped-attempts')).toEqual({
      type: 'fail-stopped-attempts',
      attempts: [
        {
          instanceId: 'spin-1',
          stepName: 'spin',
          attempt: 1,
          error: {
            name: 'AttemptStoppedError',
            message: 'Attempt stopped after 0.8 s: the instance was terminated ("Terminate").',
          },
        },
        {
          instanceId: 'other-1',
          stepName: 'charge_card',
          attempt: 1,
          error: {
            name: 'AttemptStoppedError',
            message: 'Attempt stopped after 0.8 s: the executor was restarted to terminate instance spin-1.',
          },
        },
      ],
    });
    current().answer('terminate-instance', { type: 'done' });
    await expect(terminated).resolves.toEqual({ type: 'done' });
    await until(() => current().types().at(-1) === 'recover');
  });

  it('does not restart once the interrupted attempt has ended, even while the worker is still slow to answer', async () => {
    const { supervisor, time, boot, buffers, workers } = setup({ bufferBytes: SHARED_BUFFER_BYTES });
    await boot();
    const slots = createAttemptSlotWriter(buffers.at(-1) as SharedArrayBuffer);
    const release = slots.start({
      token: 5,
      instanceId: 'spin-1',
      stepName: 'spin',
      attempt: 1,
      timeoutMs: 600_000,
      startedAt: Date.now(),
    });
    void supervisor.request({ type: 'terminate-instance', id: 'spin-1' });
    time.advance(250);
    expect(new Int32Array(buffers.at(-1) as SharedArrayBuffer)[INTERRUPT.token]).toBe(5);
    release?.(); // Python stopped; the worker then works a while (a module import) before it answers
    time.advance(2_500);
    expect(workers).toHaveLength(1);
  });

  it('restarts for a Delete when the busy code is not in a step of that instance and the buffer cannot name it', async () => {
    const { supervisor, current, time, boot, start, workers } = setup();
    await boot();
    const deleted = supervisor.request({ type: 'delete-instances', ids: ['loop-1'] });
    time.advance(750);
    expect(workers).toHaveLength(1);
    time.advance(250); // nothing answered for 1 s
    expect(workers).toHaveLength(2);
    expect(supervisor.getState()).toMatchObject({
      status: 'restarting',
      reason: 'restarted to delete instance loop-1: Python kept it busy outside any step of that instance',
    });
    await start();
    expect(current().types()).toEqual(['boot-python', 'delete-instances', 'ping']);
    current().answer('delete-instances', { type: 'done' });
    await expect(deleted).resolves.toEqual({ type: 'done' });
    await until(() => current().types().at(-1) === 'recover');
  });

  it("aims Terminate at the instance's code when it has no attempt in flight (run(), a callback), and answers once Python unwinds", async () => {
    const { supervisor, current, time, boot, words, workers } = setup({ bufferBytes: SHARED_BUFFER_BYTES });
    await boot();
    const terminated = supervisor.request({ type: 'terminate-instance', id: 'loop-1' });
    time.advance(250);
    expect(words()[INTERRUPT.token]).toBe(INTERRUPT.INSTANCE_TOKEN);
    expect(words()[INTERRUPT.reason]).toBe(stopReasonCode('terminate'));
    expect(readInterruptTargets(words())).toEqual(['loop-1']);
    expect(words()[INTERRUPT.signal]).toBe(INTERRUPT.SIGINT);
    time.advance(250); // Python unwinds within the grace
    current().answer('terminate-instance', { type: 'done' });
    await expect(terminated).resolves.toEqual({ type: 'done' });
    expect(workers).toHaveLength(1);
  });

  it("restarts at once when the worker declines the interrupt (another instance's code holds Python), else after the grace", async () => {
    for (const declines of [true, false]) {
      const { supervisor, time, boot, words, workers } = setup({ bufferBytes: SHARED_BUFFER_BYTES });
      await boot();
      void supervisor.request({ type: 'delete-instances', ids: ['loop-1', 'loop-2'] });
      time.advance(250);
      expect(readInterruptTargets(words())).toEqual(['loop-1', 'loop-2']);
      if (declines) Atomics.store(words(), INTERRUPT.token, INTERRUPT.DECLINED_TOKEN);
      time.advance(250);
      expect(workers).toHaveLength(declines ? 2 : 1);
      time.advance(750);
      expect(workers).toHaveLength(2);
      expect(supervisor.getState()).toMatchObject({
        status: 'restarting',
        reason: `restarted to delete instance loop-1, loop-2: ${declines ? "Python was running another instance's code" : 'Python did not stop when interrupted'}`,
      });
    }
  });

  it("holds the watchdog's own interrupt of a silent worker while a stop is carried out (it would land in the next instance's code)", async () => {
    const { supervisor, current, time, boot, words, notices } = setup({ bufferBytes: SHARED_BUFFER_BYTES });
    await boot();
    time.advance(4_750); // a loop in run(): the ping sent at 1 s is unanswered
    const terminated = supervisor.request({ type: 'terminate-instance', id: 'loop-1' });
    expect(words()[INTERRUPT.token]).toBe(INTERRUPT.INSTANCE_TOKEN); // at once: the worker is known to be blocked
    Atomics.store(words(), INTERRUPT.token, 0); // Python took it; the command is next in the worker's queue
    time.advance(500); // the watchdog's 5 s without an answer have passed
    expect([words()[INTERRUPT.token], notices.filter((n) => n.name === 'Interrupted')]).toEqual([0, []]);
    current().answer('terminate-instance', { type: 'done' });
    await expect(terminated).resolves.toEqual({ type: 'done' });
  });

  it('leaves a slow command alone while the worker answers its ping (the thread is free)', async () => {
    const { supervisor, current, time, boot, words, attempt, workers } = setup();
    await boot();
    attempt(7, 'spin-1');
    const paused = supervisor.request({ type: 'pause-instance', id: 'spin-1' });
    time.advance(50);
    current().answer('ping', { type: 'pong' });
    for (let i = 0; i < 8; i++) {
      time.advance(250);
      if (
        current()
          .types()
          .filter((t) => t === 'ping').length >
        i + 1
      )
        current().answer('ping', { type: 'pong' });
    }
    expect(words()[INTERRUPT.signal]).toBe(0);
    expect(workers).toHaveLength(1);
    current().answer('pause-instance', { type: 'done' });
    await expect(paused).resolves.toEqual({ type: 'done' });
  });

  it('without an interrupt buffer, restarts the executor for a Terminate the busy worker does not answer', async () => {
    const { supervisor, time, boot, start, attempt, workers, inputOf } = setup({ interrupt: false });
    await boot();
    attempt(3, 'spin-1');
    void supervisor.request({ type: 'terminate-instance', id: 'spin-1' });
    time.advance(500);
    expect(workers).toHaveLength(2);
    expect(supervisor.getState()).toMatchObject({
      reason: 'restarted to terminate instance spin-1: this page cannot interrupt Python',
    });
    await start();
    expect(inputOf('fail-stopped-attempts')).toMatchObject({
      attempts: [{ instanceId: 'spin-1', error: { message: expect.stringMatching(/terminated \("Terminate"\)\.$/) } }],
    });
  });
});

describe('Stop attempt and Kill now', () => {
  it('Stop attempt interrupts that attempt at once with its own reason; restarts if Python does not stop', async () => {
    const { supervisor, current, time, boot, words, attempt, workers, inputOf } = setup();
    await boot();
    attempt(4, 'spin-1');
    await supervisor.stopAttempt('spin-1');
    expect(words()[INTERRUPT.token]).toBe(4);
    expect(words()[INTERRUPT.reason]).toBe(stopReasonCode('stop-attempt'));
    expect(words()[INTERRUPT.signal]).toBe(INTERRUPT.SIGINT);
    time.advance(250);
    expect(workers).toHaveLength(1);
    time.advance(250); // the grace: 0.5 s
    expect(workers).toHaveLength(2);
    await boot();
    expect(inputOf('fail-stopped-attempts')).toMatchObject({
      attempts: [
        {
          instanceId: 'spin-1',
          error: { message: 'Attempt stopped after 0.5 s: the user stopped it ("Stop attempt").' },
        },
      ],
    });
    expect(current().types()[1]).toBe('fail-stopped-attempts');
  });

  it('Stop attempt is done when the worker answers again after the interrupt', async () => {
    const { supervisor, current, time, boot, attempt, workers } = setup();
    await boot();
    attempt(4, 'spin-1');
    await supervisor.stopAttempt('spin-1');
    time.advance(100);
    current().answer('ping', { type: 'pong' });
    time.advance(3000);
    expect(workers).toHaveLength(1);
  });

  it('Stop attempt on an instance with no attempt running says so', async () => {
    const { supervisor, boot } = setup();
    await boot();
    await expect(supervisor.stopAttempt('idle-1')).rejects.toThrow(
      'No step attempt of instance idle-1 is running now.',
    );
  });

  it('Kill now hands the attempts it stopped to the next executor, journaled before recovery', async () => {
    const { supervisor, current, time, boot, attempt, inputOf } = setup();
    await boot();
    attempt(9, 'spin-1');
    time.advance(4100);
    supervisor.kill('killed from the studio', 'kill');
    await boot();
    expect(current().types().slice(0, 2)).toEqual(['boot-python', 'fail-stopped-attempts']);
    expect(inputOf('fail-stopped-attempts')).toMatchObject({
      attempts: [
        {
          instanceId: 'spin-1',
          error: { message: 'Attempt stopped after 4.1 s: the executor was killed ("Kill now").' },
        },
      ],
    });
  });

  it('Kill now while the worker still answers leaves its attempts to crash recovery (lost, retried at once)', async () => {
    const { supervisor, current, time, boot, attempt } = setup();
    await boot();
    attempt(9, 'async-1');
    time.advance(1000); // a ping goes out…
    time.advance(50);
    current().answer('ping', { type: 'pong' }); // …and is answered: the attempt awaits, it does not hold Python
    await drained();
    time.advance(200);
    supervisor.kill('killed from the studio', 'kill');
    await boot();
    expect(current().types()).toEqual(['boot-python', 'recover']);
  });
});

describe('a step past its timeout that does not stop when interrupted', () => {
  it('restarts the executor and has the next one journal that attempt as timed out before recovery', async () => {
    const { current, time, boot, inputOf, workers } = setup();
    await boot();
    current().emit({
      type: 'attempt-started',
      token: 2,
      instanceId: 'slow-1',
      step: { name: 'crunch', count: 1 },
      attempt: 3,
      timeoutMs: 2000,
    });
    time.advance(2750); // interrupted for its timeout
    time.advance(3000); // did not stop: killed
    expect(workers).toHaveLength(2);
    await boot();
    expect(current().types().slice(0, 2)).toEqual(['boot-python', 'fail-stopped-attempts']);
    // No error: the executor journals the step's own timeout error (it knows the configured timeout).
    expect(inputOf('fail-stopped-attempts')).toEqual({
      type: 'fail-stopped-attempts',
      attempts: [{ instanceId: 'slow-1', stepName: 'crunch', attempt: 3 }],
    });
  });
});

describe('busy is visible, and survives a reload', () => {
  it('shows the attempt holding the worker after 2 s without an answer, records it for a reload, and clears both', async () => {
    const written: StoppedAttempt[][] = [];
    const { supervisor, current, time, boot, attempt } = setup({
      busyRecord: { write: (a) => written.push(a), read: () => [] },
    });
    await boot();
    const readyAt = time.now();
    attempt(5, 'spin-1', 'charge_card');
    time.advance(2000);
    expect(supervisor.getState()).not.toHaveProperty('busy');
    time.advance(1250);
    expect(supervisor.getState()).toMatchObject({
      status: 'ready',
      busy: { since: readyAt, attempt: { instanceId: 'spin-1', stepName: 'charge_card', attempt: 1 } },
    });
    expect(written.at(-1)).toEqual([
      {
        instanceId: 'spin-1',
        stepName: 'charge_card',
        attempt: 1,
        error: {
          name: 'AttemptStoppedError',
          message: 'Attempt stopped after 3.3 s: the page was reloaded or closed while it kept Python busy.',
        },
      },
    ]);
    current().answer('ping', { type: 'pong' });
    await drained();
    time.advance(250);
    expect(supervisor.getState()).not.toHaveProperty('busy');
    expect(written.at(-1)).toEqual([]);
  });

  it('after a reload, the first executor journals the attempts the last page recorded before anything else', async () => {
    const recorded: StoppedAttempt = {
      instanceId: 'spin-1',
      stepName: 'spin',
      attempt: 2,
      error: {
        name: 'AttemptStoppedError',
        message: 'Attempt stopped after 6.0 s: the page was reloaded or closed while it kept Python busy.',
      },
    };
    const written: StoppedAttempt[][] = [];
    const { current, boot, inputOf } = setup({ busyRecord: { write: (a) => written.push(a), read: () => [recorded] } });
    await boot();
    expect(current().types()).toEqual(['boot-python', 'fail-stopped-attempts', 'recover']);
    expect(inputOf('fail-stopped-attempts')).toEqual({ type: 'fail-stopped-attempts', attempts: [recorded] });
    current().answer('fail-stopped-attempts', { type: 'done' });
    await drained();
    expect(written.at(-1)).toEqual([]);
  });
});
