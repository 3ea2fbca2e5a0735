import { describe, expect, it } from 'vitest';
import { INTERRUPT } from '../protocol';
import { ExecutorError, IllegalStateError, WorkerCrashedError } from './errors';
import { drained, readyOutput, superviseFakes, until } from './test-fakes';

function setup(options: { interrupt?: boolean; waitStartedAt?: number } = {}) {
  const fakes = superviseFakes(options);
  const slots = () => new Int32Array(fakes.buffers.at(-1) as SharedArrayBuffer);
  return { ...fakes, slots };
}

describe('createExecutorSupervisor()', () => {
  it('boots at once with the interrupt buffer, reports ready (warm or cold) and then recovers', async () => {
    const { supervisor, current, time, boot } = setup();
    expect(supervisor.getState()).toEqual({ status: 'starting', since: 1000 });
    expect(current().posted[0]?.input).toMatchObject({ type: 'boot-python', indexURL: 'http://x/py/' });
    expect(current().posted[0]?.input).toHaveProperty('interruptBuffer');
    current().emit({ type: 'boot-progress', phase: 'restoring-snapshot' });
    expect(supervisor.getState()).toEqual({ status: 'starting', since: 1000, phase: 'restoring-snapshot' });
    time.advance(800);
    await boot(true);
    expect(supervisor.getState()).toEqual({
      status: 'ready',
      since: 1000,
      coldStartMs: 800,
      warm: true,
      python: readyOutput(true),
    });
    expect(current().types()).toEqual(['boot-python', 'recover']);
  });

  it('counts Python ready from when the user began to wait (navigation), and after a restart from the restart', async () => {
    // The page navigated at 0 on this clock; the supervisor was created at 1000 (the fake clock's start).
    const { supervisor, workers, time, boot } = setup({ waitStartedAt: 0 });
    expect(supervisor.getState()).toEqual({ status: 'starting', since: 0 });
    time.advance(800);
    await boot(true);
    expect(supervisor.getState()).toMatchObject({ status: 'ready', since: 0, coldStartMs: 1800 });
    time.advance(200);
    workers[0]?.crash('boom');
    time.advance(700);
    await boot(true);
    expect(supervisor.getState()).toMatchObject({ status: 'ready', since: 2000, coldStartMs: 700 });
  });

  it('shows the boot phases of a restart, which only move forward, and ignores the replaced worker', async () => {
    const { supervisor, workers, current, time, boot } = setup();
    current().emit({ type: 'boot-progress', phase: 'restoring-snapshot' });
    await boot(true);
    time.advance(100);
    workers[0]?.crash('boom');
    expect(supervisor.getState()).toEqual({ status: 'restarting', since: 1100, reason: 'the worker crashed: boom' });
    current().emit({ type: 'boot-progress', phase: 'opening-database' });
    expect(supervisor.getState()).toMatchObject({ status: 'restarting', phase: 'opening-database' });
    workers[0]?.emit({ type: 'boot-progress', phase: 'installing-sdk' });
    current().emit({ type: 'boot-progress', phase: 'loading-python' });
    expect(supervisor.getState()).toMatchObject({ status: 'restarting', phase: 'loading-python' });
  });

  it('says how many unfinished instances wait for their workflow file after recovery', async () => {
    const { current, notices } = setup();
    current().answer('boot-python', readyOutput(false));
    await until(() => current().types().includes('recover'));
    current().answer('recover', { type: 'recovered', resumed: 0, waitingForSource: 1 });
    await until(() => notices.length === 1);
    const second = setup();
    second.current().answer('boot-python', readyOutput(false));
    await until(() => second.current().types().includes('recover'));
    second.current().answer('recover', { type: 'recovered', resumed: 2, waitingForSource: 3 });
    await until(() => second.notices.length === 1);
    expect([...notices, ...second.notices]).toEqual([
      {
        level: 'info',
        name: 'WaitingForSource',
        message: '1 unfinished instance waits until its workflow file is loaded again.',
      },
      {
        level: 'info',
        name: 'WaitingForSource',
        message: '3 unfinished instances wait until their workflow file is loaded again.',
      },
    ]);
  });

  it('shows a boot error with its message and rejects requests from then on', async () => {
    const { supervisor, current } = setup();
    const waiting = supervisor.request({ type: 'skip-wait', id: 'a' }).catch((e: unknown) => e);
    current().fail('boot-python', 'TypeError', 'Failed to fetch pyodide.asm.wasm');
    await until(() => supervisor.getState().status === 'failed');
    expect(supervisor.getState()).toEqual({
      status: 'failed',
      since: 1000,
      error: { name: 'TypeError', message: 'Failed to fetch pyodide.asm.wasm' },
    });
    expect(await waiting).toEqual(new WorkerCrashedError('Failed to fetch pyodide.asm.wasm'));
    await expect(supervisor.request({ type: 'ping' })).rejects.toBeInstanceOf(WorkerCrashedError);
  });

  it('holds requests made while Python starts and sends them once it is ready', async () => {
    const { supervisor, current, boot } = setup();
    const paused = supervisor.request({ type: 'pause-instance', id: 'a' });
    expect(current().types()).toEqual(['boot-python']);
    await boot();
    // A stopping command goes with a ping: its answer tells a slow command from Python holding the thread.
    expect(current().types()).toEqual(['boot-python', 'pause-instance', 'ping', 'recover']);
    current().answer('pause-instance', { type: 'done' });
    await expect(paused).resolves.toEqual({ type: 'done' });
  });

  it('rehydrates a worker error by name, keeping the engine message', async () => {
    const { supervisor, current, boot } = setup();
    await boot();
    const created = supervisor.request({ type: 'create-instance', fileId: 'f', workflowName: 'w', id: 'x' });
    current().fail(
      'create-instance',
      'WorkflowError',
      '(instance.already_exists) Workflow instance with id "x" already exists',
    );
    const error = await created.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutorError);
    expect(error).toMatchObject({
      name: 'WorkflowError',
      message: '(instance.already_exists) Workflow instance with id "x" already exists',
    });
  });

  it('runs a journal mirror beside each executor, hands it its port, and replaces both when the mirror fails', async () => {
    const { supervisor, workers, mirrors, current, notices, boot } = superviseFakes({ mirrors: true });
    expect(current().posted[0]?.input).toMatchObject({ type: 'boot-python', journalMirror: mirrors[0]?.mirror.port });
    await boot();
    mirrors[0]?.fail('its script failed to load or threw');
    expect(workers[0]?.isTerminated()).toBe(true);
    expect(mirrors[0]?.isTerminated()).toBe(true);
    expect(supervisor.getState()).toMatchObject({
      status: 'restarting',
      reason: 'the journal mirror worker crashed: its script failed to load or threw',
    });
    expect(notices.at(-1)?.message).toBe(
      'The Python executor stopped (the journal mirror worker crashed: its script failed to load or threw) and is restarting; unfinished instances resume from the journal.',
    );
    expect(workers).toHaveLength(2);
    expect(mirrors).toHaveLength(2);
    expect(current().posted[0]?.input).toMatchObject({ journalMirror: mirrors[1]?.mirror.port });
    await boot(true);
    expect(supervisor.getState()).toMatchObject({ status: 'ready' });
    supervisor.dispose();
    expect(mirrors[1]?.isTerminated()).toBe(true);
  });

  it('rejects in-flight requests when the worker dies, restarts it, recovers, and serves new requests', async () => {
    const { supervisor, workers, current, time, notices, boot } = setup();
    await boot();
    const inFlight = supervisor.request({ type: 'send-event', id: 'a', event: { type: 'go' } });
    time.advance(50);
    workers[0]?.crash('Uncaught RangeError: out of memory');
    await expect(inFlight).rejects.toThrow(
      new WorkerCrashedError(
        'The Python executor stopped (the worker crashed: Uncaught RangeError: out of memory) while handling this request.',
      ),
    );
    expect(workers[0]?.isTerminated()).toBe(true);
    expect(supervisor.getState()).toEqual({
      status: 'restarting',
      since: 1050,
      reason: 'the worker crashed: Uncaught RangeError: out of memory',
    });
    expect(notices.at(-1)).toEqual({
      level: 'warning',
      name: 'ExecutorRestarted',
      message:
        'The Python executor stopped (the worker crashed: Uncaught RangeError: out of memory) and is restarting; unfinished instances resume from the journal.',
    });
    const later = supervisor.request({ type: 'skip-wait', id: 'a' });
    expect(workers).toHaveLength(2);
    time.advance(700);
    await boot(true);
    expect(supervisor.getState()).toMatchObject({ status: 'ready', since: 1050, coldStartMs: 700, warm: true });
    expect(current().types()).toEqual(['boot-python', 'skip-wait', 'recover']);
    current().answer('skip-wait', { type: 'done' });
    await expect(later).resolves.toEqual({ type: 'done' });
  });

  it('replaces the worker on kill(), on crash injection (self-kill) and when the executor halts on a journal conflict', async () => {
    const { supervisor, workers, current, boot } = setup();
    await boot();
    supervisor.kill('killed from the studio');
    expect(supervisor.getState()).toMatchObject({ status: 'restarting', reason: 'killed from the studio' });
    await boot();
    current().emit({ type: 'self-kill' });
    expect(supervisor.getState()).toMatchObject({
      status: 'restarting',
      reason: 'crash injection: the executor was killed just before a step attempt',
    });
    await boot();
    current().emit({
      type: 'executor-halted',
      error: { type: 'error', name: 'JournalConflictError', message: 'Event #3 of instance "a" was already journaled' },
    });
    expect(supervisor.getState()).toMatchObject({
      status: 'restarting',
      reason: 'JournalConflictError: Event #3 of instance "a" was already journaled',
    });
    expect(workers.map((w) => w.isTerminated())).toEqual([true, true, true, false]);
  });

  it('marks the ready state armed once the worker took kill-at-next-step, until it is disarmed or fires', async () => {
    const { supervisor, current, boot } = setup();
    await boot();
    expect(supervisor.getState()).not.toHaveProperty('killArmed');
    const arm = supervisor.request({ type: 'kill-at-next-step' });
    expect(supervisor.getState()).not.toHaveProperty('killArmed'); // not before the worker answered
    current().answer('kill-at-next-step', { type: 'done' });
    await arm;
    await until(() => expect(supervisor.getState()).toMatchObject({ status: 'ready', killArmed: true }));
    const disarm = supervisor.request({ type: 'disarm-kill' });
    current().answer('disarm-kill', { type: 'done' });
    await disarm;
    await until(() => expect(supervisor.getState()).toMatchObject({ status: 'ready', killArmed: false }));

    const again = supervisor.request({ type: 'kill-at-next-step' });
    current().answer('kill-at-next-step', { type: 'done' });
    await again;
    await until(() => expect(supervisor.getState()).toMatchObject({ killArmed: true }));
    current().emit({ type: 'self-kill' }); // it fired: the new worker starts unarmed
    await boot();
    expect(supervisor.getState()).toMatchObject({ status: 'ready' });
    expect(supervisor.getState()).not.toHaveProperty('killArmed');
  });

  it('marks where an armed kill fires (after the next call), and says so when it fires', async () => {
    const { supervisor, current, boot } = setup();
    await boot();
    const arm = supervisor.request({ type: 'kill-at-next-step', at: 'after-call' });
    current().answer('kill-at-next-step', { type: 'done' });
    await arm;
    await until(() => expect(supervisor.getState()).toMatchObject({ killArmed: true, killAt: 'after-call' }));
    const before = supervisor.request({ type: 'kill-at-next-step' }); // re-armed before the attempt instead
    current().answer('kill-at-next-step', { type: 'done' });
    await before;
    await until(() => expect(supervisor.getState()).toMatchObject({ killArmed: true }));
    expect(supervisor.getState()).not.toHaveProperty('killAt');
    const again = supervisor.request({ type: 'kill-at-next-step', at: 'after-call' });
    current().answer('kill-at-next-step', { type: 'done' });
    await again;
    const put = { binding: 'KV', op: 'put', target: 'payments/i1/k', ok: true };
    const cut = { instanceId: 'i1', stepName: 'charge', attempt: 1, lost: true as const, bindings: [put] };
    current().emit({ type: 'self-kill', at: 'after-call', attempt: cut });
    expect(supervisor.getState()).toMatchObject({
      status: 'restarting',
      reason: 'crash injection: the executor was killed inside a step attempt, right after its binding call or request',
    });
    await boot();
    expect(supervisor.getState()).not.toHaveProperty('killAt');
    // The attempt it cut off goes to the next executor first, to be journaled as lost with the call it made.
    expect(current().posted[1]?.input).toEqual({ type: 'fail-stopped-attempts', attempts: [cut] });
  });

  it('gives up after three workers in a row die before becoming ready', async () => {
    const { supervisor, workers, current, boot } = setup();
    await boot();
    current().crash('boom 1');
    current().crash('boom 2');
    expect(supervisor.getState().status).toBe('restarting');
    current().crash('boom 3');
    current().crash('boom 4');
    expect(supervisor.getState()).toMatchObject({
      status: 'failed',
      error: { name: 'WorkerCrashedError', message: 'The Python executor kept stopping (the worker crashed: boom 4).' },
    });
    expect(workers).toHaveLength(4);
  });

  it('replaces a worker whose boot hangs (no answer within the boot timeout), saying where it was stuck', async () => {
    const { supervisor, current, time, workers } = setup();
    current().emit({ type: 'boot-progress', phase: 'loading-python' });
    time.advance(59_000);
    expect(supervisor.getState().status).toBe('starting');
    time.advance(1_000);
    expect(supervisor.getState()).toMatchObject({
      status: 'restarting',
      reason: 'Python did not start within 60 s (stuck loading-python)',
    });
    expect(workers[0]?.isTerminated()).toBe(true);
    expect(workers).toHaveLength(2);
  });

  it('pings the worker and stays calm while it answers', async () => {
    const { current, time, boot, notices } = setup();
    await boot();
    const pings = () => current().posted.filter((m) => m.input.type === 'ping').length;
    const start = time.now();
    for (let i = 1; i <= 5; i++) {
      // A new ping goes out only once the last one was answered: tick until it does.
      await until(() => {
        if (pings() < i) time.advance(250);
        return pings() === i;
      });
      current().answer('ping', { type: 'pong' });
    }
    expect(time.now() - start).toBeLessThanOrEqual(5000);
    expect(notices).toEqual([]);
  });

  it('interrupts a step stuck past its timeout with its token, and restarts the worker if Python does not stop', async () => {
    const { supervisor, current, time, boot, slots, notices, workers } = setup();
    await boot();
    current().emit({
      type: 'attempt-started',
      token: 7,
      instanceId: 'spin-1',
      step: { name: 'spin', count: 1 },
      attempt: 1,
      timeoutMs: 2000,
    });
    time.advance(2250); // past the timeout, but within the slack
    expect(slots()[INTERRUPT.signal]).toBe(0);
    time.advance(500); // the ping sent at 1 s is unanswered: Python is stuck
    expect(slots()[INTERRUPT.token]).toBe(7);
    expect(slots()[INTERRUPT.signal]).toBe(INTERRUPT.SIGINT);
    expect(notices.at(-1)).toEqual({
      level: 'warning',
      name: 'Interrupted',
      message: 'Python was interrupted: Step "spin" (attempt 1) of instance spin-1 ran past its timeout of 2 s.',
    });
    time.advance(3000);
    expect(supervisor.getState()).toMatchObject({
      status: 'restarting',
      reason:
        'Step "spin" (attempt 1) of instance spin-1 ran past its timeout of 2 s, and Python did not stop when interrupted',
    });
    expect(workers[0]?.isTerminated()).toBe(true);
  });

  it('leaves a step alone that holds the thread within its timeout, and an interrupted step that ends is forgotten', async () => {
    const { supervisor, current, time, boot, slots } = setup();
    await boot();
    current().emit({
      type: 'attempt-started',
      token: 1,
      instanceId: 'a',
      step: { name: 'crunch', count: 1 },
      attempt: 1,
      timeoutMs: 60_000,
    });
    time.advance(30_000);
    expect(slots()[INTERRUPT.signal]).toBe(0);
    current().emit({ type: 'attempt-ended', token: 1 });
    current().answer('ping', { type: 'pong' });
    await drained();
    time.advance(2000);
    expect(slots()[INTERRUPT.signal]).toBe(0);
    expect(supervisor.getState().status).toBe('ready');
  });

  it('interrupts a worker that stops answering with no step running (a loop in run() or at import)', async () => {
    const { current, time, boot, slots } = setup();
    await boot();
    current().posted.length = 0;
    time.advance(6000);
    expect(slots()[INTERRUPT.token]).toBe(INTERRUPT.ANY_TOKEN);
    expect(slots()[INTERRUPT.signal]).toBe(INTERRUPT.SIGINT);
  });

  it('without an interrupt buffer (no cross-origin isolation) terminates and restarts a stuck worker', async () => {
    const { supervisor, time, boot, workers } = setup({ interrupt: false });
    await boot();
    time.advance(6000);
    expect(supervisor.getState()).toMatchObject({
      status: 'restarting',
      reason: 'the executor did not answer for 5 s; this page cannot interrupt Python',
    });
    expect(workers).toHaveLength(2);
  });

  it('throws IllegalStateError on a response for an unknown request id', async () => {
    const { current } = setup();
    const reply = () =>
      current().reply({ type: 'response', requestId: 99, result: { type: 'ok', output: { type: 'pong' } } });
    expect(reply).toThrow(new IllegalStateError('Response for unknown request 99'));
  });

  it('rejects pending requests on dispose, terminates the worker and is safe to dispose twice', async () => {
    const { supervisor, current } = setup();
    const waiting = supervisor.request({ type: 'skip-wait', id: 'a' });
    supervisor.dispose();
    supervisor.dispose();
    await expect(waiting).rejects.toThrow(new IllegalStateError('The supervisor was disposed'));
    expect(current().isTerminated()).toBe(true);
    await expect(supervisor.request({ type: 'ping' })).rejects.toThrow(IllegalStateError);
  });
});
