import { describe, expect, it } from 'vitest';
import type { HostToWorker, WorkerToHost } from '../protocol';
import { createSupervisor } from './create-supervisor';
import { ExecutorError, IllegalStateError, WorkerCrashedError } from './errors';
import type { WorkerLike } from './types';

type Listener = (e: never) => void;

/** A worker double: records what the supervisor posts and lets the test play the worker's side. */
function createFakeWorker() {
  const listeners = new Map<string, Listener[]>();
  const posted: HostToWorker[] = [];
  let terminated = false;
  const worker = {
    postMessage: (m: HostToWorker) => posted.push(m),
    addEventListener: (type: string, l: Listener) => listeners.set(type, [...(listeners.get(type) ?? []), l]),
    terminate: () => {
      terminated = true;
    },
  } as unknown as WorkerLike;
  const dispatch = (type: string, e: unknown) => {
    for (const l of listeners.get(type) ?? []) l(e as never);
  };
  return {
    worker,
    posted,
    isTerminated: () => terminated,
    reply: (m: WorkerToHost) => dispatch('message', { data: m }),
    crash: (message: string) => dispatch('error', { message, preventDefault() {} }),
  };
}

function setup() {
  const fake = createFakeWorker();
  let clock = 1000;
  const supervisor = createSupervisor({ spawn: () => fake.worker, now: () => clock, pyodideIndexURL: 'http://x/py/' });
  return { fake, supervisor, advance: (ms: number) => (clock += ms) };
}

const ready = { type: 'python-ready', pyodideVersion: '314.0.7', pythonVersion: '3.14.2', loadMs: 4200 } as const;
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('createSupervisor()', () => {
  it('sends boot-python at once and reports ready with the cold start measured from spawn', async () => {
    const { fake, supervisor, advance } = setup();
    expect(supervisor.getState()).toEqual({ status: 'starting', since: 1000 });
    expect(fake.posted).toEqual([
      { type: 'request', requestId: 1, input: { type: 'boot-python', indexURL: 'http://x/py/' } },
    ]);
    advance(4800);
    fake.reply({ type: 'response', requestId: 1, result: { type: 'ok', output: ready } });
    await flush();
    expect(supervisor.getState()).toEqual({ status: 'ready', since: 1000, coldStartMs: 4800, python: ready });
  });

  it('shows a boot error with its message', async () => {
    const { fake, supervisor } = setup();
    const error = { type: 'error', name: 'TypeError', message: 'Failed to fetch pyodide.asm.wasm' } as const;
    fake.reply({ type: 'response', requestId: 1, result: error });
    await flush();
    expect(supervisor.getState()).toEqual({
      status: 'failed',
      since: 1000,
      error: { name: 'TypeError', message: error.message },
    });
  });

  it('rejects every pending request with WorkerCrashedError when the worker dies', async () => {
    const { fake, supervisor } = setup();
    const ping = supervisor.request({ type: 'ping' });
    fake.crash('Uncaught SyntaxError');
    await expect(ping).rejects.toThrow(new WorkerCrashedError('The Python executor worker died: Uncaught SyntaxError'));
    expect(fake.isTerminated()).toBe(true);
    expect(supervisor.getState()).toMatchObject({ status: 'failed', error: { name: 'WorkerCrashedError' } });
    await expect(supervisor.request({ type: 'ping' })).rejects.toBeInstanceOf(WorkerCrashedError);
  });

  it('resolves a request with its typed output and rehydrates errors by name', async () => {
    const { fake, supervisor } = setup();
    const ping = supervisor.request({ type: 'ping' });
    fake.reply({ type: 'response', requestId: 2, result: { type: 'ok', output: { type: 'pong' } } });
    await expect(ping).resolves.toEqual({ type: 'pong' });
    const again = supervisor.request({ type: 'ping' });
    fake.reply({ type: 'response', requestId: 3, result: { type: 'error', name: 'ValueError', message: 'boom' } });
    const error = await again.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutorError);
    expect(error).toMatchObject({ name: 'ValueError', message: 'boom' });
  });

  it('throws IllegalStateError on a response for an unknown request id', () => {
    const { fake } = setup();
    const reply = () =>
      fake.reply({ type: 'response', requestId: 99, result: { type: 'ok', output: { type: 'pong' } } });
    expect(reply).toThrow(new IllegalStateError('Response for unknown request 99'));
  });

  it('rejects pending requests on dispose and is safe to dispose twice', async () => {
    const { fake, supervisor } = setup();
    const ping = supervisor.request({ type: 'ping' });
    supervisor.dispose();
    supervisor.dispose();
    await expect(ping).rejects.toThrow(new IllegalStateError('The supervisor was disposed'));
    expect(fake.isTerminated()).toBe(true);
  });

  it('notifies state subscribers until they unsubscribe', async () => {
    const { fake, supervisor } = setup();
    let calls = 0;
    const unsubscribe = supervisor.subscribe(() => calls++);
    fake.crash('gone');
    unsubscribe();
    expect(calls).toBe(1);
  });
});
