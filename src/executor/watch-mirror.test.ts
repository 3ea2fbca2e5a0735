import { describe, expect, it } from 'vitest';
import type { WorkerEvent } from '../protocol';
import { haltWhenMirrorFails, type MirrorWorkerLike } from './watch-mirror';

/** A worker whose `error` events the test fires. */
function mirrorWorker() {
  const target = new EventTarget();
  const worker = target as unknown as MirrorWorkerLike;
  const fail = (message: string) => {
    const event = new Event('error', { cancelable: true }) as Event & { message: string };
    event.message = message;
    target.dispatchEvent(event);
    return event.defaultPrevented;
  };
  return { worker, fail };
}

describe('haltWhenMirrorFails', () => {
  it('halts the executor once, saying why, when the mirror worker cannot load', () => {
    const { worker, fail } = mirrorWorker();
    const events: WorkerEvent[] = [];
    haltWhenMirrorFails(worker, (e) => events.push(e));
    expect(fail('')).toBe(true);
    fail('Uncaught TypeError: x is not a function');
    expect(events).toEqual([
      {
        type: 'executor-halted',
        error: expect.objectContaining({
          name: 'JournalMirrorError',
          message:
            "The journal mirror worker stopped (its script did not load); the executor restarts and replays the journal's log.",
        }),
      },
    ]);
  });

  it('names the error the mirror threw', () => {
    const { worker, fail } = mirrorWorker();
    const events: WorkerEvent[] = [];
    haltWhenMirrorFails(worker, (e) => events.push(e));
    fail('Uncaught DataError: bad key');
    expect(events[0]).toMatchObject({
      error: { message: expect.stringContaining('(Uncaught DataError: bad key)') },
    });
  });
});
