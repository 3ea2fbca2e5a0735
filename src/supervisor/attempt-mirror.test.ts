import { describe, expect, it } from 'vitest';
import { createAttemptSlotWriter, INTERRUPT, SHARED_BUFFER_BYTES, type SlotAttempt } from '../protocol';
import { superviseFakes } from './test-fakes';

/** Whether an interrupt is raised (the probe asking whose code holds Python raises nothing: python-holder.ts). */
const raised = (w: Int32Array) => w[INTERRUPT.signal] !== 0 && w[INTERRUPT.token] !== INTERRUPT.PROBE_TOKEN;

/** A supervisor whose shared buffer has attempt slots; the test plays the worker writing them. */
function setup() {
  // The worker's stamps are wall ms; here the wall clock runs 5 s ahead of the supervisor's clock.
  const {
    supervisor,
    current,
    time,
    notices,
    buffers,
    boot: bootWith,
  } = superviseFakes({
    bufferBytes: SHARED_BUFFER_BYTES,
    wallAheadMs: 5_000,
  });
  const wallNow = () => time.now() + 5_000;
  const boot = () => bootWith(false, 0);
  const buffer = () => buffers.at(-1) as SharedArrayBuffer;
  const writer = createAttemptSlotWriter(buffers[0] as SharedArrayBuffer);
  /** The worker starts an attempt (`agoMs` before now, when the tick that sees it comes later). */
  const start = (a: Omit<SlotAttempt, 'startedAt'>, agoMs = 0) => writer.start({ ...a, startedAt: wallNow() - agoMs });
  const words = () => new Int32Array(buffer());
  return { supervisor, current, time, notices, boot, start, words };
}

describe('the watchdog over attempt slots', () => {
  it('interrupts a step the worker published in its slot once it is stuck past its timeout, naming it', async () => {
    const { current, time, boot, start, words, notices } = setup();
    await boot();
    current().posted.length = 0;
    start({ token: 7, instanceId: 'spin-1', stepName: 'spin', attempt: 1, timeoutMs: 2000 });
    time.advance(2250); // past the timeout, within the slack
    expect(raised(words())).toBe(false);
    time.advance(500); // the ping is unanswered: Python is stuck
    expect(words()[INTERRUPT.token]).toBe(7);
    expect(words()[INTERRUPT.signal]).toBe(INTERRUPT.SIGINT);
    expect(notices.at(-1)).toEqual({
      level: 'warning',
      name: 'Interrupted',
      message: 'Python was interrupted: Step "spin" (attempt 1) of instance spin-1 ran past its timeout of 2 s.',
    });
    expect(current().types()).toEqual(['ping']); // no attempt messages were needed
  });

  it('counts the timeout from when the attempt started, not from when a tick first saw it', async () => {
    const { time, boot, start, words } = setup();
    await boot(); // at 1000; ticks every 250 ms, the first ping goes out at 1250 and is never answered
    start({ token: 3, instanceId: 'i', stepName: 's', attempt: 1, timeoutMs: 2000 }, 1000); // began at 0
    time.advance(1400);
    expect(raised(words())).toBe(false);
    time.advance(100); // 2500: its timeout + the slack since it began (seen at 1250, it would wait until 3750)
    expect(words()[INTERRUPT.token]).toBe(3);
  });

  it('forgets an attempt whose slot was released, so a busy worker with no step is treated as such', async () => {
    const { supervisor, current, time, boot, start, words } = setup();
    await boot();
    const release = start({ token: 1, instanceId: 'a', stepName: 'crunch', attempt: 1, timeoutMs: 60_000 });
    time.advance(3000);
    expect(raised(words())).toBe(false); // a long step within its timeout keeps the worker busy legitimately
    release?.();
    time.advance(2500); // 5 s without a pong and no attempt in flight any more: a loop in run()
    expect(words()[INTERRUPT.token]).toBe(INTERRUPT.ANY_TOKEN);
    expect(supervisor.getState().status).toBe('ready');
    expect(
      current()
        .types()
        .filter((t) => t !== 'ping'),
    ).toEqual(['boot-python', 'recover']);
  });
});
