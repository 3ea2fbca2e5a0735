/**
 * The interrupt buffer driven from another thread (as the supervisor does while Python holds the executor's),
 * with real Pyodide: a step past its timeout is journaled as timed out; an interrupt aimed at an instance's
 * code stops it wherever it spins (run(), an asyncio callback, a module's top-level code) and the command
 * behind it runs, nothing journaled as failed; an interrupt aimed elsewhere leaves the code running unharmed.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { AttemptFailedEvent } from '../engine';
import {
  ATTEMPT_SLOTS,
  INTERRUPT,
  INTERRUPT_TARGETS,
  readAttemptSlots,
  readPythonHolder,
  SHARED_BUFFER_BYTES,
  stopReasonCode,
} from '../protocol';
import { boot, freshDb, journal, setUpExecutors, waitForStatus } from './test-boot';

setUpExecutors();

describe('executor interrupts (real Pyodide, Dexie, real clock)', () => {
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
        end = time.time() + 15  # bounded: a broken interrupt fails the test instead of hanging it
        n = 0
        while time.time() < end:
            n += 1

class Callback(WorkflowEntrypoint):
    async def run(self, event, step):
        def spin():
            end = time.time() + 15
            n = 0
            while time.time() < end:
                n += 1
        asyncio.get_event_loop().call_soon(spin)
        await asyncio.sleep(60)

class CallbackStep(WorkflowEntrypoint):
    async def run(self, event, step):
        def spin():
            end = time.time() + 15
            n = 0
            while time.time() < end:
                n += 1
        asyncio.get_event_loop().call_soon(spin)

        @step.do("after")
        async def after():
            await asyncio.sleep(0)
            return 1

        return await after()

class Sleeper(WorkflowEntrypoint):
    async def run(self, event, step):
        await step.sleep("nap", "1 hour")

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

  it('a terminate aimed at an asyncio callback spinning while a step of its instance awaits: the step is journaled stopped, run() does not complete, the command terminates it', async () => {
    const dbName = freshDb();
    const buffer = new SharedArrayBuffer(SHARED_BUFFER_BYTES);
    const { executor, events } = await boot(dbName, { interruptBuffer: buffer });
    await executor.core.loadSource({ fileId: 'f', version: 1, name: 'stop.py', source: STOPPABLE });
    const supervisor = interruptLater(buffer, 'spin-1', 800);
    await executor.core.create({ fileId: 'f', workflowName: 'callback-step', id: 'spin-1' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Without the hold, the step carries on once the callback is stopped and is journaled as succeeded (in the
    // browser run() then returns first, and the Terminate the user clicked fails on a complete instance).
    await executor.core.terminate('spin-1');
    await supervisor.terminate();
    const events_ = await journal(dbName, 'spin-1');
    const types = events_.map((e) => e.type);
    expect(types).not.toContain('run-finished');
    expect(types).not.toContain('step-succeeded');
    expect(types.at(-1)).toBe('terminated');
    const failed = events_.filter((e): e is AttemptFailedEvent => e.type === 'attempt-failed');
    expect(failed.map((e) => [e.name, e.error.name])).toEqual([['after', 'AttemptStoppedError']]);
    expect(failed[0]?.error.message).toMatch(
      /^Attempt stopped after \d+\.\d s: the instance was terminated \("Terminate"\)\.$/,
    );
    expect(events.filter((e) => e.type === 'notice')).toEqual([]);
  }, 30_000);

  it("stops a module's top-level code for a Terminate (it holds every instance up): the import fails saying why, the command runs", async () => {
    const dbName = freshDb();
    const buffer = new SharedArrayBuffer(SHARED_BUFFER_BYTES);
    const { executor } = await boot(dbName, { interruptBuffer: buffer });
    await executor.core.loadSource({ fileId: 'f', version: 1, name: 'stop.py', source: STOPPABLE });
    await executor.core.create({ fileId: 'f', workflowName: 'sleeper', id: 'wait-1' });
    await waitForStatus(dbName, 'wait-1', 'waiting');
    const supervisor = interruptLater(buffer, 'wait-1', 800);
    const spinning = 'import time\nend = time.time() + 15\nwhile time.time() < end:\n    pass\n';
    const loaded = await executor.core.loadSource({
      fileId: 'g',
      version: 1,
      name: 'spin_at_import.py',
      source: spinning,
    });
    await supervisor.terminate();
    expect(loaded).toMatchObject({
      ok: false,
      error: {
        name: 'KeyboardInterrupt',
        message:
          'Importing the file was interrupted to terminate instance wait-1: its module-level code kept Python busy (an endless loop?).',
        line: expect.any(Number),
      },
    });
    await executor.core.terminate('wait-1');
    expect((await journal(dbName, 'wait-1')).at(-1)?.type).toBe('terminated');
  }, 30_000);

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

  it('answers a probe with whose run() holds Python, raising nothing: the code spinning carries on and completes', async () => {
    const dbName = freshDb();
    const buffer = new SharedArrayBuffer(SHARED_BUFFER_BYTES);
    const { executor } = await boot(dbName, { interruptBuffer: buffer });
    await executor.core.loadSource({ fileId: 'f', version: 1, name: 'stop.py', source: STOPPABLE });
    // The supervisor's askPythonHolder, from another thread while run() spins.
    const supervisor = new Worker(
      `const { workerData: w } = require('node:worker_threads');
       const b = new Int32Array(w.buffer);
       setTimeout(() => { if (Atomics.compareExchange(b, 1, 0, ${INTERRUPT.PROBE_TOKEN}) === 0) Atomics.store(b, 0, 2); }, 500);`,
      { eval: true, workerData: { buffer } },
    );
    await executor.core.create({ fileId: 'f', workflowName: 'busy', id: 'busy-1' });
    const done = await waitForStatus(dbName, 'busy-1', 'complete');
    await supervisor.terminate();
    expect(done.error).toBeNull();
    expect(readPythonHolder(new Int32Array(buffer))).toEqual({ seq: 1, where: 'run', instanceId: 'busy-1' });
    expect(Atomics.load(new Int32Array(buffer), INTERRUPT.token)).toBe(0);
  }, 30_000);
});
