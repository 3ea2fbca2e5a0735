import { describe, expect, it } from 'vitest';
import { memoryDirectory } from '../persistence/test-snapshot-directory';
import { beginEarlyWork, keepArrivals } from './early-work';

describe('beginEarlyWork()', () => {
  it('reaches OPFS at once and, on the head start only, imports Pyodide’s runtime script and reads the stored snapshot', async () => {
    const { dir, files } = memoryDirectory();
    files.set('pyodide-314.0.7-sdk-abc.snapshot', new Uint8Array([1, 2]));
    let reached = 0;
    const preloaded: string[] = [];
    const early = beginEarlyWork({
      getDirectory: async () => {
        reached++;
        return { getDirectoryHandle: async () => dir };
      },
      preload: (url) => preloaded.push(url),
    });
    expect(reached).toBe(1);
    expect(preloaded).toEqual([]);
    expect(await early.takeStoredSnapshot()).toBeUndefined();

    early.headStart('https://studio.test/pyodide/314.0.7/');
    early.headStart('https://studio.test/pyodide/314.0.7/');
    expect(preloaded).toEqual(['https://studio.test/pyodide/314.0.7/pyodide.asm.mjs']);
    const stored = await early.takeStoredSnapshot();
    expect(stored?.key).toBe('pyodide-314.0.7-sdk-abc');
    expect(Array.from((await stored?.bytes) ?? [])).toEqual([1, 2]);
    // Handed over once, not kept (~30 MB), and not read again by a second head start.
    expect(await early.takeStoredSnapshot()).toBeUndefined();
    early.headStart('https://studio.test/pyodide/314.0.7/');
    expect(await early.takeStoredSnapshot()).toBeUndefined();
    expect(reached).toBe(1);
  });

  it('without OPFS still imports the runtime script, and finds no snapshot', async () => {
    const preloaded: string[] = [];
    const early = beginEarlyWork({ preload: (url) => preloaded.push(url) });
    early.headStart('/pyodide/314.0.7/');
    expect(preloaded).toEqual(['/pyodide/314.0.7/pyodide.asm.mjs']);
    expect(early.opfsRoot).toBeUndefined();
    expect(await early.takeStoredSnapshot()).toBeUndefined();
  });
});

describe('keepArrivals()', () => {
  it('keeps the messages that arrive while the executor loads, in order, begins the head start on its message, and stops at the hand-over', () => {
    const target = new EventTarget();
    const scope = {
      addEventListener: (type: 'message', l: (e: MessageEvent) => void) =>
        target.addEventListener(type, l as EventListener),
      removeEventListener: (type: 'message', l: (e: MessageEvent) => void) =>
        target.removeEventListener(type, l as EventListener),
    };
    const headStarts: string[] = [];
    const early = {
      opfsRoot: undefined,
      takeStoredSnapshot: async () => undefined,
      headStart: (url: string) => headStarts.push(url),
    };
    const arrivals = keepArrivals(scope, early);
    const send = (data: unknown) => target.dispatchEvent(new MessageEvent('message', { data }));
    send({ type: 'head-start', indexURL: '/pyodide/314.0.7/' });
    send({ type: 'request', requestId: 1, input: { type: 'boot-python', indexURL: '/pyodide/314.0.7/' } });
    send({ type: 'request', requestId: 2, input: { type: 'recover' } });
    expect(headStarts).toEqual(['/pyodide/314.0.7/']);
    const handed = arrivals.handOver();
    expect(handed.map((e) => (e.data as { type: string; requestId?: number }).requestId ?? e.data.type)).toEqual([
      'head-start',
      1,
      2,
    ]);
    send({ type: 'request', requestId: 3, input: { type: 'ping' } });
    expect(arrivals.handOver()).toEqual([]);
  });
});
