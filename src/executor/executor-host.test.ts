import type { PyodideAPI } from 'pyodide';
import { describe, expect, it } from 'vitest';
import type { HostToWorker, PythonReady, WorkerToHost } from '../protocol';
import { startExecutorHost, type WorkerScope } from './executor-host';

const ready: PythonReady = { type: 'python-ready', pyodideVersion: '314.0.7', pythonVersion: '3.14.2', loadMs: 1 };

function setup(bootPython: (indexURL: string) => Promise<PythonReady>) {
  const posted: WorkerToHost[] = [];
  const listeners = new Map<string, (e: unknown) => void>();
  const scope = {
    postMessage: (m: WorkerToHost) => posted.push(m),
    addEventListener: (type: string, l: (e: unknown) => void) => listeners.set(type, l),
  } as unknown as WorkerScope;
  startExecutorHost(scope, {
    bootPython: async (url) => ({ pyodide: {} as PyodideAPI, ready: await bootPython(url) }),
  });
  const send = (m: HostToWorker) => listeners.get('message')?.({ data: m });
  const rejectUnhandled = (reason: unknown) => listeners.get('unhandledrejection')?.({ reason });
  return { posted, send, rejectUnhandled };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('startExecutorHost()', () => {
  it('announces itself, then answers boot-python once even when asked twice', async () => {
    const urls: string[] = [];
    const { posted, send } = setup(async (url) => {
      urls.push(url);
      return ready;
    });
    send({ type: 'request', requestId: 1, input: { type: 'boot-python', indexURL: '/py/' } });
    send({ type: 'request', requestId: 2, input: { type: 'boot-python', indexURL: '/py/' } });
    await flush();
    expect(urls).toEqual(['/py/']);
    expect(posted).toEqual([
      { type: 'event', event: { type: 'worker-started' } },
      { type: 'response', requestId: 1, result: { type: 'ok', output: ready } },
      { type: 'response', requestId: 2, result: { type: 'ok', output: ready } },
    ]);
  });

  it('turns a boot failure into a serialized error response', async () => {
    const { posted, send } = setup(async () => {
      throw new TypeError('Failed to fetch');
    });
    send({ type: 'request', requestId: 7, input: { type: 'boot-python', indexURL: '/py/' } });
    await flush();
    expect(posted[1]).toMatchObject({
      type: 'response',
      requestId: 7,
      result: { type: 'error', name: 'TypeError', message: 'Failed to fetch (loading the Python runtime from /py/)' },
    });
  });

  it('fails a boot that hangs when an unhandled rejection happens meanwhile (Pyodide wasm fetch failure)', async () => {
    const { posted, send, rejectUnhandled } = setup(() => new Promise(() => {}));
    send({ type: 'request', requestId: 1, input: { type: 'boot-python', indexURL: '/py/' } });
    rejectUnhandled(new TypeError('Failed to fetch'));
    await flush();
    expect(posted.slice(1)).toMatchObject([
      { type: 'event', event: { type: 'worker-fault', error: { name: 'TypeError', message: 'Failed to fetch' } } },
      { type: 'response', requestId: 1, result: { type: 'error', name: 'TypeError' } },
    ]);
  });

  it('reports a message that is not a request as a worker-fault', () => {
    const { posted, send } = setup(async () => ready);
    send({ type: 'bogus' } as unknown as HostToWorker);
    expect(posted[1]).toMatchObject({
      type: 'event',
      event: { type: 'worker-fault', error: { message: 'Unknown message: {"type":"bogus"}' } },
    });
  });
});
