import { describe, expect, it } from 'vitest';
import { createVirtualClock } from './clock';
import { createRealClock } from './real-clock';

describe('createVirtualClock', () => {
  it('fires timers in time order (ties in the order set), with now() at each timer', () => {
    const clock = createVirtualClock(1000);
    const fired: string[] = [];
    clock.setTimer(3000, () => fired.push(`c@${clock.now()}`));
    clock.setTimer(2000, () => fired.push(`a@${clock.now()}`));
    clock.setTimer(2000, () => fired.push(`b@${clock.now()}`));
    expect(clock.nextTimerAt()).toBe(2000);
    clock.advanceTo(2500);
    expect(fired).toEqual(['a@2000', 'b@2000']);
    expect(clock.now()).toBe(2500);
    clock.advanceBy(10_000);
    expect(fired).toEqual(['a@2000', 'b@2000', 'c@3000']);
    expect(clock.nextTimerAt()).toBeUndefined();
  });

  it('fires a timer set in the past on the next advance and never moves backwards', () => {
    const clock = createVirtualClock(5000);
    let fired = 0;
    clock.setTimer(1000, () => fired++);
    expect(fired).toBe(0);
    clock.advanceTo(0);
    expect(fired).toBe(1);
    expect(clock.now()).toBe(5000);
  });

  it('does not fire disposed timers; disposing twice is harmless', () => {
    const clock = createVirtualClock(0);
    let fired = 0;
    const timer = clock.setTimer(10, () => fired++);
    timer.dispose();
    timer.dispose();
    clock.advanceTo(100);
    expect(fired).toBe(0);
  });

  it('fires timers set by a firing timer when they fall within the advance', () => {
    const clock = createVirtualClock(0);
    const fired: number[] = [];
    clock.setTimer(10, () => clock.setTimer(20, () => fired.push(clock.now())));
    clock.advanceTo(30);
    expect(fired).toEqual([20]);
  });
});

describe('createRealClock', () => {
  function fakeHost() {
    let now = 0;
    const pending = new Map<number, { at: number; cb: () => void }>();
    let next = 1;
    return {
      host: {
        now: () => now,
        setTimeout: (cb: () => void, ms: number) => {
          pending.set(next, { at: now + ms, cb });
          return next++;
        },
        clearTimeout: (h: unknown) => void pending.delete(h as number),
      },
      run(to: number) {
        for (;;) {
          const due = [...pending.entries()].filter(([, t]) => t.at <= to).sort((a, b) => a[1].at - b[1].at)[0];
          if (!due) break;
          pending.delete(due[0]);
          now = due[1].at;
          due[1].cb();
        }
        now = to;
      },
      pending,
    };
  }

  it('fires at the requested time through the host timers', () => {
    const fake = fakeHost();
    const clock = createRealClock(fake.host);
    const fired: number[] = [];
    clock.setTimer(500, () => fired.push(clock.now()));
    fake.run(1000);
    expect(fired).toEqual([500]);
  });

  it('re-arms timers longer than the host maximum in chunks', () => {
    const fake = fakeHost();
    const clock = createRealClock(fake.host);
    const at = 40 * 24 * 3600 * 1000;
    const fired: number[] = [];
    clock.setTimer(at, () => fired.push(clock.now()));
    fake.run(2 ** 31);
    expect(fired).toEqual([]);
    fake.run(at);
    expect(fired).toEqual([at]);
  });

  it('clears the host timer on dispose', () => {
    const fake = fakeHost();
    const timer = createRealClock(fake.host).setTimer(100, () => {});
    timer.dispose();
    expect(fake.pending.size).toBe(0);
  });
});
