import { describe, expect, it } from 'vitest';
import { createEarlyWorker } from './early-worker';
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

  it('terminates the worker when nobody took it (a follower tab)', () => {
    const fake = createFakeWorker();
    const early = createEarlyWorker(() => fake.worker);
    early.dispose();
    expect(fake.isTerminated()).toBe(true);
    expect(early.take()).toBeUndefined();
  });
});
