/**
 * The supervisor's guards against a worker that keeps dying and against a replaced worker that still talks:
 * each test here fails when its guard is removed (see the commit that added them for the mutations tried).
 */
import { describe, expect, it } from 'vitest';
import type { WorkerEvent } from '../protocol';
import { superviseFakes } from './test-fakes';

/** One macrotask: the supervisor's promise callbacks on an answer have run. */
const settled = () => new Promise((r) => setTimeout(r, 0));

describe('the restart-storm limit', () => {
  it('replaces a worker killed after it was ready five times in a minute, and gives up on the sixth', async () => {
    const { supervisor, workers, time, boot, notices } = superviseFakes();
    await boot();
    for (let i = 1; i <= 5; i++) {
      time.advance(1000);
      supervisor.kill(`stop ${i}`);
      expect(supervisor.getState()).toMatchObject({ status: 'restarting', reason: `stop ${i}` });
      await boot();
      expect(supervisor.getState().status).toBe('ready');
    }
    time.advance(1000);
    supervisor.kill('stop 6');
    expect(supervisor.getState()).toMatchObject({
      status: 'failed',
      error: { name: 'WorkerCrashedError', message: 'The Python executor kept stopping (stop 6).' },
    });
    expect(workers).toHaveLength(6);
    expect(notices.filter((n) => n.name === 'ExecutorRestarted')).toHaveLength(5);
  });

  it('forgets restarts older than a minute: a worker that dies now and then is always replaced', async () => {
    const { supervisor, workers, current, time, boot } = superviseFakes();
    await boot();
    for (let i = 1; i <= 12; i++) {
      // 15 s of a healthy worker: it answers each ping the watchdog sends.
      for (let s = 0; s < 15; s++) {
        time.advance(1000);
        if (current().types().includes('ping')) current().answer('ping', { type: 'pong' });
        await settled();
      }
      supervisor.kill(`stop ${i}`);
      await boot();
      expect(supervisor.getState().status).toBe('ready');
    }
    expect(workers).toHaveLength(13);
  });
});

describe('only the current worker counts', () => {
  it('ignores a replaced worker that still answers, reports progress, sends notices and events', async () => {
    const { supervisor, workers, current, boot, notices } = superviseFakes();
    await boot();
    const old = workers[0]!;
    const inFlight = supervisor.request({ type: 'skip-wait', id: 'a' }).catch((e: Error) => e.name);
    const oldRequest = old.posted.find((m) => m.input.type === 'skip-wait')!.requestId;
    supervisor.kill('replaced by the test');
    expect(await inFlight).toBe('WorkerCrashedError');
    const seen: WorkerEvent[] = [];
    supervisor.onEvent((e) => seen.push(e));
    const noticesBefore = notices.length;
    expect(supervisor.getState()).toMatchObject({ status: 'restarting' });

    // The old worker's late answer to its (already rejected) request must not throw as an unknown request.
    expect(() =>
      old.reply({ type: 'response', requestId: oldRequest, result: { type: 'ok', output: { type: 'done' } } }),
    ).not.toThrow();
    old.emit({ type: 'boot-progress', phase: 'loading-python' });
    old.emit({ type: 'notice', level: 'warning', name: 'StorageFull', message: 'from the old worker' });
    old.emit({ type: 'self-kill' });
    expect(supervisor.getState()).toMatchObject({ status: 'restarting' });
    expect(notices).toHaveLength(noticesBefore);
    expect(seen).toEqual([]);
    expect(workers).toHaveLength(2);

    current().emit({ type: 'notice', level: 'warning', name: 'StorageFull', message: 'from the new worker' });
    expect(notices.slice(noticesBefore)).toEqual([
      { level: 'warning', name: 'StorageFull', message: 'from the new worker' },
    ]);
    expect(seen).toMatchObject([{ type: 'notice', message: 'from the new worker' }]);
  });
});
