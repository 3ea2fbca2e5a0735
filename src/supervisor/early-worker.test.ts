import { describe, expect, it } from 'vitest';
import { createEarlyWorker, createStandby } from './early-worker';
import { createFakeWorker, until } from './test-fakes';

describe('createEarlyWorker()', () => {
  it('hands the worker over once, and keeps what it sent before anyone listened for the first listener', async () => {
    const fake = createFakeWorker();
    const early = createEarlyWorker(() => fake.worker);
    fake.emit({ type: 'worker-started' });
    fake.crash('the script failed to load');
    const worker = early.take();
    expect(early.take()).toBeUndefined();
    const seen: string[] = [];
    worker?.addEventListener('message', (e) => seen.push(`message ${e.data.type}`));
    worker?.addEventListener('error', (e) => seen.push(`error ${e.message}`));
    expect(seen).toEqual([]); // in a microtask: the taker finishes wiring first
    await until(() => expect(seen).toEqual(['message event', 'error the script failed to load']));
    fake.emit({ type: 'worker-started' });
    expect(seen).toHaveLength(3);
    worker?.postMessage({ type: 'request', requestId: 1, input: { type: 'ping' } });
    expect(fake.types()).toEqual(['ping']);
    early.dispose();
    expect(fake.isTerminated()).toBe(false);
    worker?.terminate();
    expect(fake.isTerminated()).toBe(true);
  });

  it('delivers what a worker spawned before it (by the app shell) sent first, then what came after', async () => {
    const fake = createFakeWorker();
    const before = new MessageEvent('message', { data: { type: 'worker-started' } });
    const early = createEarlyWorker(() => fake.worker, [['message', before]]);
    fake.emit({ type: 'worker-started' });
    const seen: unknown[] = [];
    early.take()?.addEventListener('message', (e) => seen.push(e.data.type));
    await until(() => expect(seen).toEqual(['worker-started', 'event']));
  });

  it('terminates the worker when nobody took it (a follower tab)', () => {
    const fake = createFakeWorker();
    const early = createEarlyWorker(() => fake.worker);
    early.dispose();
    expect(fake.isTerminated()).toBe(true);
    expect(early.take()).toBeUndefined();
  });
});

describe('createStandby()', () => {
  it('spawns the next worker ahead of need once, hands it over, and spawns anew without one', () => {
    const spawned: ReturnType<typeof createFakeWorker>[] = [];
    const spawn = () => {
      const fake = createFakeWorker();
      spawned.push(fake);
      return fake.worker;
    };
    const standby = createStandby(spawn, true);
    standby.prepare();
    standby.prepare();
    expect(spawned).toHaveLength(1);
    const taken = standby.take();
    taken.postMessage({ type: 'request', requestId: 1, input: { type: 'ping' } });
    expect(spawned[0]?.types()).toEqual(['ping']); // the standby itself, not a new worker
    standby.take();
    expect(spawned).toHaveLength(2); // none waiting: a new one
    standby.prepare();
    standby.dispose();
    expect(spawned[2]?.isTerminated()).toBe(true);
  });

  it('spawns nothing ahead when disabled', () => {
    let spawned = 0;
    const standby = createStandby(() => {
      spawned += 1;
      return createFakeWorker().worker;
    }, false);
    standby.prepare();
    expect(spawned).toBe(0);
    standby.take();
    expect(spawned).toBe(1);
  });
});
