import { describe, expect, it } from 'vitest';
import { EXECUTOR_WORKER_ATTR, PYODIDE_INDEX_ATTR, spawnShellExecutor, takeShellExecutor } from './early-executor';

/** A Worker class that records what it was spawned with and sent, and can emit events. */
function fakeWorkers() {
  const spawned: FakeWorker[] = [];
  class FakeWorker extends EventTarget {
    posted: unknown[] = [];
    terminated = false;
    constructor(
      readonly url: string,
      readonly options: WorkerOptions,
    ) {
      super();
      spawned.push(this);
    }
    postMessage(message: unknown) {
      this.posted.push(message);
    }
    terminate() {
      this.terminated = true;
    }
  }
  return { Worker: FakeWorker as unknown as typeof Worker, spawned };
}

/** The shell's script tag as app-shell.ts writes it. */
function scriptTag(attrs: Record<string, string>): Element {
  return { getAttribute: (name: string) => attrs[name] ?? null } as unknown as Element;
}

const TAG = { [EXECUTOR_WORKER_ATTR]: '/assets/worker-abc.js', [PYODIDE_INDEX_ATTR]: '/pyodide/1.2.3/' };
const INDEX = 'http://studio.test/pyodide/1.2.3/';
const message = (data: unknown) => new MessageEvent('message', { data });

describe('the shell’s executor worker', () => {
  it('is spawned as the module worker the tag names and sent the head start for Pyodide’s folder', () => {
    const fake = fakeWorkers();
    const win = { location: { origin: 'http://studio.test' }, Worker: fake.Worker };
    expect(spawnShellExecutor(scriptTag(TAG), win)).toBe(true);
    expect(fake.spawned).toHaveLength(1);
    const [worker] = fake.spawned;
    expect(worker?.url).toBe('/assets/worker-abc.js');
    expect(worker?.options).toEqual({ type: 'module', name: 'executor' });
    expect(worker?.posted).toEqual([{ type: 'head-start', indexURL: INDEX }]);
  });

  it('keeps what the worker sends until main.tsx takes it, in order, and no more after that', () => {
    const fake = fakeWorkers();
    const win = { location: { origin: 'http://studio.test' }, Worker: fake.Worker };
    spawnShellExecutor(scriptTag(TAG), win);
    const worker = fake.spawned[0] as unknown as Worker;
    worker.dispatchEvent(message({ type: 'worker-started' }));
    worker.dispatchEvent(new Event('error'));
    const taken = takeShellExecutor(win, INDEX);
    expect(taken?.worker).toBe(worker);
    expect(taken?.kept.map(([type, e]) => [type, (e as MessageEvent).data?.type])).toEqual([
      ['message', 'worker-started'],
      ['error', undefined],
    ]);
    worker.dispatchEvent(message({ type: 'later' }));
    expect(taken?.kept).toHaveLength(2);
    expect(takeShellExecutor(win, INDEX)).toBeUndefined();
  });

  it('is terminated, not taken, when the page’s Pyodide folder differs (its head start would be dropped)', () => {
    const fake = fakeWorkers();
    const win = { location: { origin: 'http://studio.test' }, Worker: fake.Worker };
    spawnShellExecutor(scriptTag(TAG), win);
    expect(takeShellExecutor(win, 'http://studio.test/pyodide/9.9.9/')).toBeUndefined();
    expect(fake.spawned[0]?.terminated).toBe(true);
  });

  it('is not spawned when the tag names no worker (a build without one) or there are no workers', () => {
    const fake = fakeWorkers();
    const win = { location: { origin: 'http://studio.test' }, Worker: fake.Worker };
    expect(spawnShellExecutor(scriptTag({ [PYODIDE_INDEX_ATTR]: '/pyodide/1.2.3/' }), win)).toBe(false);
    expect(spawnShellExecutor(null, win)).toBe(false);
    expect(spawnShellExecutor(scriptTag(TAG), { location: win.location })).toBe(false);
    expect(fake.spawned).toHaveLength(0);
    expect(takeShellExecutor(win, INDEX)).toBeUndefined();
  });
});
