/**
 * The restart path of a stop (issue #18): what a restart carried over is journal work, done by the next
 * executor as soon as its journal is open and before it starts Python; the worker it runs in was spawned ahead.
 */
import { describe, expect, it } from 'vitest';
import type { WorkerInput } from '../protocol';
import { drained, readyOutput, superviseFakes, until } from './test-fakes';

/** Terminate of `spin-1` while its attempt 7 never ends: the grace passes and the executor is restarted. */
async function restartedToTerminate(fakes: ReturnType<typeof superviseFakes>) {
  await fakes.boot();
  // The booted worker (with a standby, the newest worker is the one waiting).
  const booted = fakes.workers.findLast((w) => w.types().includes('boot-python'));
  booted?.emit({
    type: 'attempt-started',
    token: 7,
    instanceId: 'spin-1',
    step: { name: 'spin', count: 1 },
    attempt: 1,
    timeoutMs: 600_000,
  });
  const terminated = fakes.supervisor.request({ type: 'terminate-instance', id: 'spin-1' });
  fakes.time.advance(1_500);
  return { terminated };
}

const inputOf = (fakes: ReturnType<typeof superviseFakes>, type: WorkerInput['type']) =>
  fakes.current().posted.find((m) => m.input.type === type)?.input;

describe('the restart path of a stop', () => {
  it('sends the journal work right behind the next boot, announced with it; recovers only once Python is ready and the command is done', async () => {
    const fakes = superviseFakes();
    const { supervisor, current, workers } = fakes;
    const { terminated } = await restartedToTerminate(fakes);
    expect(inputOf(fakes, 'boot-python')).toMatchObject({ journalWork: 2 });
    expect(workers[0]?.posted[0]?.input).not.toHaveProperty('journalWork'); // nothing to carry at the first boot
    expect(workers).toHaveLength(2);
    // Posted with the boot, before any answer: the executor does them before it starts Python.
    expect(current().types()).toEqual(['boot-python', 'fail-stopped-attempts', 'terminate-instance', 'ping']);
    current().answer('terminate-instance', { type: 'done' });
    await expect(terminated).resolves.toEqual({ type: 'done' });
    expect(supervisor.getState()).toMatchObject({ status: 'restarting' });
    await drained();
    expect(current().types()).not.toContain('recover'); // Python is not ready: nothing resumes yet
    current().answer('boot-python', readyOutput());
    await until(() => current().types().at(-1) === 'recover');
    // Sent once only: not again when Python is ready.
    expect(
      current()
        .types()
        .filter((t) => t === 'terminate-instance'),
    ).toHaveLength(1);
    expect(
      current()
        .types()
        .filter((t) => t === 'fail-stopped-attempts'),
    ).toHaveLength(1);
  });

  it('boots the next executor in the worker spawned ahead once the last one was ready, and spawns the next one once it is', async () => {
    const fakes = superviseFakes({ standby: true });
    const { workers, current } = fakes;
    expect(workers).toHaveLength(1);
    const { terminated } = await restartedToTerminate(fakes);
    expect(workers).toHaveLength(2); // the standby, spawned when the first was ready; no spawn at the restart
    expect(workers[0]?.isTerminated()).toBe(true);
    expect(workers[1]?.types().slice(0, 3)).toEqual(['boot-python', 'fail-stopped-attempts', 'terminate-instance']);
    current().answer('terminate-instance', { type: 'done' });
    await terminated;
    expect(workers).toHaveLength(2); // none while this one boots: it would compete with Python's boot
    current().answer('boot-python', readyOutput());
    await drained();
    expect(workers).toHaveLength(3);
    expect(workers[2]?.types()).toEqual([]); // it waits, unbooted
    fakes.supervisor.dispose();
    expect(workers[2]?.isTerminated()).toBe(true);
  });
});
