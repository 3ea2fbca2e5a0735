/**
 * The executor composed for real (test-boot.ts), driven through its core as the worker's message loop does:
 * runs, recovery (from IndexedDB and from the journal's write-ahead log), per-file bodies, deletion, the
 * interrupt buffer and crash injection. Warm start and its fallbacks are in executor-warm-start.test.ts.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AttemptFailedEvent } from '../engine';
import { type FromMirror, type PortLike, StudioDB, type SyncFile, serveMirror, type ToMirror } from '../persistence';
import { openSyncFile } from '../persistence/test-sync-file';
import { decodeFrames } from '../persistence/wal-frames';
import {
  ATTEMPT_SLOTS,
  INTERRUPT,
  INTERRUPT_TARGETS,
  readAttemptSlots,
  SHARED_BUFFER_BYTES,
  stopReasonCode,
} from '../protocol';
import { boot, freshDb, GREETER, journal, logsOf, setUpExecutors, waitForStatus } from './test-boot';

setUpExecutors();

const files: SyncFile[] = [];
afterEach(() => {
  for (const f of files.splice(0)) f.close();
  for (const c of cleanupPorts.splice(0)) c();
});

/** The executor's end of a channel to the real journal mirror, as the supervisor hands it over in the browser. */
function portMirror(): MessagePort {
  const { port1, port2 } = new MessageChannel();
  serveMirror(port2 as unknown as PortLike<ToMirror, FromMirror>, { gatherMs: 10 });
  cleanupPorts.push(() => {
    port1.close();
    port2.close();
  });
  return port1 as unknown as MessagePort;
}
const cleanupPorts: Array<() => void> = [];

/** A mirror that says it runs and then writes nothing, as one whose worker was terminated. */
function deadMirror(): MessagePort {
  const { port1, port2 } = new MessageChannel();
  port2.addEventListener('message', (e: MessageEvent<ToMirror>) => {
    if (e.data.type === 'open') port2.postMessage({ type: 'ready' } satisfies FromMirror);
  });
  port2.start();
  cleanupPorts.push(() => {
    port1.close();
    port2.close();
  });
  return port1 as unknown as MessagePort;
}

describe('executor (real Pyodide, Dexie, real clock)', () => {
  it('loads a file, runs an instance to completion and records the instance’s file', async () => {
    const dbName = freshDb();
    const { executor } = await boot(dbName);
    const loaded = await executor.core.loadSource({
      fileId: 'f1',
      version: 1,
      name: 'greeter.py',
      source: GREETER('!'),
    });
    expect(loaded).toEqual({
      ok: true,
      fileId: 'f1',
      version: 1,
      workflows: [{ className: 'Greeter', workflowName: 'greeter', bindingName: 'GREETER', line: 3 }],
    });
    const [id] = await executor.core.create({ fileId: 'f1', workflowName: 'greeter', params: { name: 'Ada' } });
    const done = await waitForStatus(dbName, id as string, 'complete');
    expect(done.runs).toBe(2);
    expect(logsOf(await journal(dbName, id as string))).toEqual(['hello ran\n', 'after ran\n']);
    const db = new StudioDB(dbName);
    expect(await db.instanceFiles.get(id as string)).toEqual({ instanceId: id, fileId: 'f1' });
    expect((await db.loadedSources.get('f1'))?.version).toBe(1);
    db.close();
  }, 30_000);

  it('returns a Python syntax error as a result with its line, and refuses to create from a file never loaded', async () => {
    const { executor } = await boot(freshDb());
    const broken = await executor.core.loadSource({ fileId: 'f', version: 1, name: 'bad.py', source: 'def (:\n' });
    expect(broken).toMatchObject({ ok: false, fileId: 'f', version: 1, error: { name: 'SyntaxError', line: 1 } });
    await expect(executor.core.create({ fileId: 'f', workflowName: 'greeter' })).rejects.toThrow(
      'The file f has not been loaded into Python yet; load it before running it.',
    );
  }, 30_000);

  it('resumes a sleeping instance in a fresh executor with the stored source, without re-running the first step', async () => {
    const dbName = freshDb();
    const first = await boot(dbName);
    await first.executor.core.loadSource({ fileId: 'f1', version: 1, name: 'g.py', source: GREETER('!') });
    const [id] = await first.executor.core.create({ fileId: 'f1', workflowName: 'greeter', params: { name: 'Bo' } });
    await waitForStatus(dbName, id as string, 'waiting');
    first.executor.core.dispose(); // the tab closes mid-sleep

    const second = await boot(dbName);
    expect(await second.executor.core.recover()).toEqual({ type: 'recovered', resumed: 1, waitingForSource: 0 });
    const done = await waitForStatus(dbName, id as string, 'complete');
    expect(done.error).toBeNull();
    const events = await journal(dbName, id as string);
    expect(logsOf(events)).toEqual(['hello ran\n', 'after ran\n']);
    expect(events.find((e) => e.type === 'run-finished')).toMatchObject({ output: 'hi Bo!' });
  }, 30_000);

  it('resumes, in a fresh executor, an instance whose journal reached only the write-ahead log before a crash', async () => {
    const dbName = freshDb();
    const path = join(mkdtempSync(join(tmpdir(), 'executor-log-')), 'journal.log');
    const openLog = async () => {
      const file = openSyncFile(path);
      files.push(file);
      return file;
    };
    // The first executor's mirror answers that it runs, then writes nothing (as if its worker died at once):
    // IndexedDB never sees a thing.
    const first = await boot(dbName, { journalMirror: deadMirror() }, { openJournalLog: openLog });
    await first.executor.core.loadSource({ fileId: 'f1', version: 1, name: 'g.py', source: GREETER('!') });
    const [id] = await first.executor.core.create({ fileId: 'f1', workflowName: 'greeter', params: { name: 'Lo' } });
    await vi.waitFor(() => {
      const logged = decodeFrames(readFileSync(path)).records.flatMap((r) => r.events);
      expect(logged.some((e) => e.type === 'sleep-started')).toBe(true);
    });
    first.executor.core.dispose();
    expect(await journal(dbName, id as string)).toEqual([]);

    // The second one's mirror is the real one across a message port, as in its worker (10 ms gathering).
    const second = await boot(dbName, { journalMirror: portMirror() }, { openJournalLog: openLog });
    expect(await second.executor.core.recover()).toEqual({ type: 'recovered', resumed: 1, waitingForSource: 0 });
    await waitForStatus(dbName, id as string, 'complete');
    const events = await journal(dbName, id as string);
    expect(logsOf(events)).toEqual(['hello ran\n', 'after ran\n']);
    expect(events.find((e) => e.type === 'run-finished')).toMatchObject({ output: 'hi Lo!' });
    expect(statSync(path).size).toBe(0);
  }, 30_000);

  it('replays each instance with its own file, and with the newest loaded version of that file', async () => {
    const dbName = freshDb();
    const { executor } = await boot(dbName);
    await executor.core.loadSource({ fileId: 'a', version: 1, name: 'a.py', source: GREETER(' from A') });
    await executor.core.loadSource({ fileId: 'b', version: 1, name: 'b.py', source: GREETER(' from B') });
    const [fromA] = await executor.core.create({ fileId: 'a', workflowName: 'greeter', params: { name: 'x' } });
    const [fromB] = await executor.core.create({ fileId: 'b', workflowName: 'greeter', params: { name: 'y' } });
    await waitForStatus(dbName, fromB as string, 'waiting');
    // Edited while A's instance sleeps: its next run uses version 2 of file A.
    await executor.core.loadSource({ fileId: 'a', version: 2, name: 'a.py', source: GREETER(' from A v2') });
    await waitForStatus(dbName, fromA as string, 'complete');
    await waitForStatus(dbName, fromB as string, 'complete');
    const output = async (id: string) =>
      (await journal(dbName, id)).find((e) => e.type === 'run-finished') as { output: unknown } | undefined;
    expect((await output(fromA as string))?.output).toBe('hi x from A v2');
    expect((await output(fromB as string))?.output).toBe('hi y from B');
  }, 30_000);

  it('deletes a running instance: its journal, summary and file row are gone and nothing writes them back', async () => {
    const dbName = freshDb();
    const { executor } = await boot(dbName);
    await executor.core.loadSource({ fileId: 'f', version: 1, name: 'g.py', source: GREETER('!') });
    const [id] = await executor.core.create({ fileId: 'f', workflowName: 'greeter', params: { name: 'z' } });
    await waitForStatus(dbName, id as string, 'waiting');
    // The control sleeps as long, started a moment later: once it completed, the deleted one would have woken.
    const [control] = await executor.core.create({ fileId: 'f', workflowName: 'greeter', params: { name: 'c' } });
    await executor.core.deleteInstances([id as string]);
    await waitForStatus(dbName, control as string, 'complete');
    const db = new StudioDB(dbName);
    expect(await db.instances.get(id as string)).toBeUndefined();
    expect(
      await db.journal
        .where('instanceId')
        .equals(id as string)
        .count(),
    ).toBe(0);
    expect(await db.instanceFiles.get(id as string)).toBeUndefined();
    db.close();
  }, 30_000);

  // With attempt slots the supervisor finds the token in shared memory; without, in `attempt-started` events.
  it.each([
    ['announced in messages', INTERRUPT.length * 4],
    ['published in an attempt slot', SHARED_BUFFER_BYTES],
  ])(
    'journals a step stopped by the interrupt buffer as a timed-out attempt and retries it per config (%s)',
    async (_, bytes) => {
      const dbName = freshDb();
      const buffer = new SharedArrayBuffer(bytes);
      const slots = bytes === SHARED_BUFFER_BYTES;
      const { executor, events } = await boot(dbName, { interruptBuffer: buffer });
      const source = `from workers import WorkflowEntrypoint

class Spin(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("spin", config={"retries": {"limit": 1, "delay": "1 second", "backoff": "constant"}, "timeout": "1 second"})
        async def spin(ctx):
            if ctx["attempt"] == 1:
                while True:
                    pass
            return "second attempt ok"

        return await spin()
`;
      await executor.core.loadSource({ fileId: 'f', version: 1, name: 'spin.py', source });
      // The supervisor's part, from another thread: the step is blocking this one. Token 1 is the first attempt;
      // with slots it is read from the first slot, where the worker published it before running the step.
      const supervisor = new Worker(
        `const { workerData } = require('node:worker_threads');
       const b = new Int32Array(workerData.buffer);
       const poll = () => {
         const token = workerData.slot === undefined ? 1 : Atomics.load(b, workerData.slot);
         if (token === 0) return setTimeout(poll, 20);
         setTimeout(() => { Atomics.store(b, 1, token); Atomics.store(b, 0, 2); }, 1500);
       };
       poll();`,
        {
          eval: true,
          workerData: { buffer, slot: slots ? ATTEMPT_SLOTS.offset / 4 + ATTEMPT_SLOTS.token : undefined },
        },
      );
      const [id] = await executor.core.create({ fileId: 'f', workflowName: 'spin' });
      await waitForStatus(dbName, id as string, 'complete');
      await supervisor.terminate();
      const failed = (await journal(dbName, id as string)).filter(
        (e): e is AttemptFailedEvent => e.type === 'attempt-failed',
      );
      expect(failed).toHaveLength(1);
      expect(failed[0]?.error).toMatchObject({
        name: 'WorkflowTimeoutError',
        message: 'Execution timed out after 1000ms',
      });
      expect(failed[0]?.error.traceback).toContain('File "spin.py", line 9, in spin'); // where it was stopped
      expect(Atomics.load(new Int32Array(buffer), INTERRUPT.token)).toBe(0);
      const announced = events.filter((e) => e.type === 'attempt-started' || e.type === 'attempt-ended');
      if (slots) {
        expect(announced).toEqual([]);
        expect(readAttemptSlots(buffer, new Set())).toEqual({ tokens: [], fresh: [] }); // both attempts released
      } else {
        expect(announced.filter((e) => e.type === 'attempt-started')).toMatchObject([
          { token: 1, instanceId: id, step: { name: 'spin', count: 1 }, attempt: 1, timeoutMs: 1000 },
          { token: 2, attempt: 2 },
        ]);
      }
    },
    30_000,
  );

  it('stops itself before the next attempt runs when kill-at-next-step is armed', async () => {
    const dbName = freshDb();
    const { executor, events } = await boot(dbName);
    await executor.core.loadSource({ fileId: 'f', version: 1, name: 'g.py', source: GREETER('!') });
    executor.armKill();
    const [id] = await executor.core.create({ fileId: 'f', workflowName: 'greeter', params: { name: 'k' } });
    await waitForStatus(dbName, id as string, 'running');
    await vi.waitFor(() => expect(events.filter((e) => e.type === 'self-kill')).toHaveLength(1));
    expect(logsOf(await journal(dbName, id as string))).toEqual([]);
  }, 30_000);

  it('runs the next attempt after all when the armed kill is disarmed first', async () => {
    const dbName = freshDb();
    const { executor, events } = await boot(dbName);
    await executor.core.loadSource({ fileId: 'f', version: 1, name: 'g.py', source: GREETER('!') });
    executor.armKill();
    executor.disarmKill();
    const [id] = await executor.core.create({ fileId: 'f', workflowName: 'greeter', params: { name: 'k' } });
    await waitForStatus(dbName, id as string, 'complete');
    expect(events.filter((e) => e.type === 'self-kill')).toEqual([]);
  }, 30_000);

  /**
   * The supervisor's part from another thread: `delayMs` after it starts, it aims an interrupt for `action` at
   * instance `target` (the targets region is written here first, as `raiseInstanceInterrupt` does).
   */
  function interruptLater(
    buffer: SharedArrayBuffer,
    target: string,
    delayMs: number,
    action: 'terminate' | 'pause' | 'delete' = 'terminate',
  ): Worker {
    const units = new Uint16Array(buffer, INTERRUPT_TARGETS.offset + 4, target.length);
    for (let i = 0; i < target.length; i++) units[i] = target.charCodeAt(i);
    new Int32Array(buffer, INTERRUPT_TARGETS.offset, 1)[0] = target.length;
    return new Worker(
      `const { workerData: w } = require('node:worker_threads');
       const b = new Int32Array(w.buffer);
       setTimeout(() => { Atomics.store(b, 2, w.reason); Atomics.store(b, 1, ${INTERRUPT.INSTANCE_TOKEN}); Atomics.store(b, 0, 2); }, w.delayMs);`,
      { eval: true, workerData: { buffer, delayMs, reason: stopReasonCode(action) } },
    );
  }

  const STOPPABLE = `import asyncio
import time
from workers import WorkflowEntrypoint

class Loop(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("before")
        async def before():
            return 1

        await before()
        n = 0
        while True:
            n += 1

class Callback(WorkflowEntrypoint):
    async def run(self, event, step):
        def spin():
            n = 0
            while True:
                n += 1
        asyncio.get_event_loop().call_soon(spin)
        await asyncio.sleep(60)

class Busy(WorkflowEntrypoint):
    async def run(self, event, step):
        end = time.time() + 1.5
        n = 0
        while time.time() < end:
            n += 1
        return "not harmed"
`;

  it.each([
    ['terminate', 'loop', 'run() itself'],
    ['terminate', 'callback', 'an asyncio callback it scheduled'],
    ['pause', 'callback', 'an asyncio callback it scheduled'],
    ['delete', 'loop', 'run() itself'],
  ] as const)(
    'a %s aimed at an instance spinning in %s (%s) stops its code there; the command then runs, nothing journaled as failed',
    async (action, workflowName, _where) => {
      const dbName = freshDb();
      const buffer = new SharedArrayBuffer(SHARED_BUFFER_BYTES);
      const { executor, events } = await boot(dbName, { interruptBuffer: buffer });
      await executor.core.loadSource({ fileId: 'f', version: 1, name: 'stop.py', source: STOPPABLE });
      const supervisor = interruptLater(buffer, 'spin-1', 800, action);
      await executor.core.create({ fileId: 'f', workflowName, id: 'spin-1' });
      // This thread is Python's: the timer fires only once the spinning code was stopped.
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (action === 'delete') await executor.core.deleteInstances(['spin-1']);
      else await executor.core[action]('spin-1');
      await supervisor.terminate();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const types = (await journal(dbName, 'spin-1')).map((e) => e.type);
      if (action === 'delete') {
        expect(types).toEqual([]);
      } else {
        expect(types.filter((t) => t.includes('failed'))).toEqual([]);
        expect(types.filter((t) => t === 'run-started')).toHaveLength(1);
        expect(types.at(-1)).toBe(action === 'pause' ? 'paused' : 'terminated');
      }
      expect(Atomics.load(new Int32Array(buffer), INTERRUPT.token)).toBe(0); // taken, not declined
      expect(events.filter((e) => e.type === 'notice')).toEqual([]);
    },
    30_000,
  );

  it('declines an interrupt aimed at another instance: the code spinning carries on and its instance completes', async () => {
    const dbName = freshDb();
    const buffer = new SharedArrayBuffer(SHARED_BUFFER_BYTES);
    const { executor } = await boot(dbName, { interruptBuffer: buffer });
    await executor.core.loadSource({ fileId: 'f', version: 1, name: 'stop.py', source: STOPPABLE });
    const supervisor = interruptLater(buffer, 'someone-else', 500);
    await executor.core.create({ fileId: 'f', workflowName: 'busy', id: 'busy-1' });
    const done = await waitForStatus(dbName, 'busy-1', 'complete');
    await supervisor.terminate();
    expect(done.error).toBeNull();
    expect((await journal(dbName, 'busy-1')).find((e) => e.type === 'run-finished')).toMatchObject({
      output: 'not harmed',
    });
    expect(Atomics.load(new Int32Array(buffer), INTERRUPT.token)).toBe(INTERRUPT.DECLINED_TOKEN);
  }, 30_000);
});
