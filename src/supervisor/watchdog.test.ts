import { describe, expect, it } from 'vitest';
import { INTERRUPT } from '../protocol';
import { createWatchdog, DEFAULT_WATCHDOG } from './watchdog';

const spin = { token: 3, label: 'Step "spin"', timeoutMs: 1000 };

describe('createWatchdog()', () => {
  it('pings once per interval while the last ping is answered', () => {
    const w = createWatchdog(DEFAULT_WATCHDOG, true);
    expect(w.tick(0)).toEqual({ type: 'ping' });
    w.pingSent(0);
    expect(w.tick(500)).toEqual({ type: 'none' });
    w.alive();
    expect(w.tick(900)).toEqual({ type: 'none' });
    expect(w.tick(1000)).toEqual({ type: 'ping' });
  });

  it('does not interrupt an overdue step while the worker still answers (the engine’s own timer handles it)', () => {
    const w = createWatchdog(DEFAULT_WATCHDOG, true);
    w.attemptStarted(0, spin);
    w.pingSent(1800);
    expect(w.tick(2000)).toEqual({ type: 'none' });
  });

  it('interrupts an overdue step once the worker is also unresponsive, then kills after the grace period', () => {
    const w = createWatchdog(DEFAULT_WATCHDOG, true);
    w.attemptStarted(0, spin);
    w.pingSent(1000);
    expect(w.tick(1500)).toEqual({
      type: 'interrupt',
      token: 3,
      reason: 'Step "spin" ran past its timeout of 1 s',
    });
    expect(w.tick(4000)).toEqual({ type: 'none' });
    expect(w.tick(4500)).toEqual({
      type: 'kill',
      reason: 'Step "spin" ran past its timeout of 1 s, and Python did not stop when interrupted',
      // The attempt goes to the next executor, which journals it as timed out before it resumes anything.
      timedOut: expect.objectContaining({ token: 3, startedAt: 0, timeoutMs: 1000 }),
    });
  });

  it('forgets an interrupt once the worker answers again', () => {
    const w = createWatchdog(DEFAULT_WATCHDOG, true);
    w.attemptStarted(0, spin);
    w.pingSent(1000);
    w.tick(1500);
    w.alive();
    expect(w.tick(9000)).toEqual({ type: 'ping' });
  });

  it('interrupts any Python after a long silence with nothing in flight; kills instead without a buffer', () => {
    const silent = (canInterrupt: boolean) => {
      const w = createWatchdog(DEFAULT_WATCHDOG, canInterrupt);
      w.pingSent(0);
      return w.tick(5000);
    };
    expect(silent(true)).toEqual({
      type: 'interrupt',
      token: INTERRUPT.ANY_TOKEN,
      reason: 'the executor did not answer for 5 s',
    });
    expect(silent(false)).toEqual({
      type: 'kill',
      reason: 'the executor did not answer for 5 s; this page cannot interrupt Python',
    });
  });
});
