/**
 * Recovery never re-enters a runaway run(): while the worker's thread is blocked the supervisor asks whose code
 * holds Python (the worker's SIGINT handler answers; here the test plays it), and when the executor is ended
 * while an instance's own code outside any step holds it (Kill now, a reload while shown busy, a restart), the
 * next executor is told to journal that instance errored before anything else. Fake worker and fake time.
 */
import { describe, expect, it } from 'vitest';
import {
  answerPythonHolder,
  type HolderSite,
  INTERRUPT,
  SHARED_BUFFER_BYTES,
  type StoppedAttempt,
  type StoppedRun,
  type WorkerInput,
} from '../protocol';
import { superviseFakes } from './test-fakes';

function setup(options: Parameters<typeof superviseFakes>[0] = {}) {
  const fakes = superviseFakes({ bufferBytes: SHARED_BUFFER_BYTES, ...options });
  const words = () => new Int32Array(fakes.buffers.at(-1) as SharedArrayBuffer);
  /** The worker's SIGINT handler, running in `where` of `instanceId`: answers a pending probe. */
  const python = (where: HolderSite, instanceId?: string) => {
    if (Atomics.load(words(), INTERRUPT.token) !== INTERRUPT.PROBE_TOKEN) return false;
    Atomics.store(words(), INTERRUPT.signal, 0);
    answerPythonHolder(words(), where, instanceId);
    return true;
  };
  const inputOf = (type: WorkerInput['type']) => fakes.current().posted.find((m) => m.input.type === type)?.input;
  return { ...fakes, words, python, inputOf };
}

/** Boots, then blocks the worker in `where` of `instanceId` for `ms` (its pings go unanswered). */
async function blockedFor(s: ReturnType<typeof setup>, ms: number, where: HolderSite, instanceId?: string) {
  await s.boot();
  const since = s.time.now();
  let answered = false;
  while (s.time.now() - since < ms) {
    s.time.advance(250);
    answered = s.python(where, instanceId) || answered;
  }
  return { since, answered };
}

const killed = (seconds: string): StoppedRun => ({
  instanceId: 'loop-1',
  error: {
    name: 'RunStoppedError',
    message: `run() kept Python busy ${seconds} s outside any step and was stopped by "Kill now".`,
  },
});

describe('the code holding Python, asked while the worker is blocked', () => {
  it('Kill now while run() of an instance holds Python: the next executor journals it errored before recovering', async () => {
    const s = setup();
    const { answered } = await blockedFor(s, 4_000, 'run', 'loop-1');
    expect(answered).toBe(true);
    // The probe raised nothing: no interrupt is pending.
    expect(s.words()[INTERRUPT.token]).toBe(0);
    s.supervisor.kill('killed from the studio', 'kill');
    await s.boot();
    expect(s.current().types()).toEqual(['boot-python', 'fail-stopped-attempts', 'recover']);
    // Announced with the boot, so the executor journals the run before it starts Python (the restart path).
    expect(s.inputOf('boot-python')).toMatchObject({ journalWork: 1 });
    expect(s.inputOf('fail-stopped-attempts')).toEqual({
      type: 'fail-stopped-attempts',
      attempts: [],
      runs: [killed('4.0')],
    });
  });

  it('Kill now while a step attempt or no instance holds Python, or before it was known to block, names no run', async () => {
    for (const [where, ms] of [
      ['attempt', 4_000],
      ['import', 4_000],
      ['run', 250],
    ] as const) {
      const s = setup();
      await blockedFor(s, ms, where, where === 'import' ? undefined : 'loop-1');
      s.supervisor.kill('killed from the studio', 'kill');
      await s.boot();
      expect([where, s.current().types()]).toEqual([where, ['boot-python', 'recover']]);
    }
  });

  it('forgets the holder once the worker answers: a later kill of a free worker names no run', async () => {
    const s = setup();
    await blockedFor(s, 3_000, 'run', 'loop-1');
    s.current().answer('ping', { type: 'pong' });
    await new Promise((r) => setTimeout(r, 0));
    s.time.advance(250);
    s.supervisor.kill('killed from the studio', 'kill');
    await s.boot();
    expect(s.current().types()).toEqual(['boot-python', 'recover']);
  });

  it('a restart to terminate another instance errors the run holding Python; one to terminate that instance does not', async () => {
    for (const target of ['loop-2', 'loop-1']) {
      const s = setup();
      await blockedFor(s, 1_000, 'run', 'loop-1');
      void s.supervisor.request({ type: 'terminate-instance', id: target });
      // Python declines the interrupt (another instance's code) or does not stop: restarted either way.
      for (let i = 0; i < 6 && s.workers.length === 1; i++) s.time.advance(250);
      expect(s.workers).toHaveLength(2);
      await s.start();
      const journaled = s.inputOf('fail-stopped-attempts');
      if (target === 'loop-1') expect(journaled).toBeUndefined();
      else
        expect(journaled).toMatchObject({
          runs: [
            {
              instanceId: 'loop-1',
              error: {
                message: expect.stringMatching(
                  /^run\(\) kept Python busy \d\.\d s outside any step and was stopped when the executor was restarted to terminate instance loop-2\.$/,
                ),
              },
            },
          ],
        });
    }
  });

  it('a run that ignores the watchdog’s interrupt is errored by the restart that follows', async () => {
    const s = setup();
    await blockedFor(s, 9_000, 'run', 'loop-1'); // interrupted at 5 s, killed 3 s later
    expect(s.workers).toHaveLength(2);
    await s.start();
    expect(s.inputOf('fail-stopped-attempts')).toMatchObject({
      runs: [
        {
          instanceId: 'loop-1',
          error: {
            message: expect.stringMatching(
              /^run\(\) kept Python busy \d\.\d s outside any step and was stopped when the executor was restarted to stop code that ignored its interrupt\.$/,
            ),
          },
        },
      ],
    });
  });

  it('records the run holding Python while shown busy, so the page after a reload journals it errored first', async () => {
    const written: [StoppedAttempt[], StoppedRun[] | undefined][] = [];
    const s = setup({ busyRecord: { write: (a, r) => written.push([a, r]), read: () => [] } });
    const { since } = await blockedFor(s, 3_000, 'run', 'loop-1');
    expect(s.supervisor.getState()).toMatchObject({ busy: { since, run: { instanceId: 'loop-1' } } });
    expect(written.at(-1)).toEqual([
      [],
      [
        {
          instanceId: 'loop-1',
          error: {
            name: 'RunStoppedError',
            message:
              'run() kept Python busy 3.0 s outside any step and was stopped when the page was reloaded or closed.',
          },
        },
      ],
    ]);

    const recorded = killed('6.0');
    const next = setup({ busyRecord: { write: () => {}, read: () => [], readRuns: () => [recorded] } });
    await next.boot();
    expect(next.current().types()).toEqual(['boot-python', 'fail-stopped-attempts', 'recover']);
    expect(next.inputOf('fail-stopped-attempts')).toEqual({
      type: 'fail-stopped-attempts',
      attempts: [],
      runs: [recorded],
    });
  });
});
