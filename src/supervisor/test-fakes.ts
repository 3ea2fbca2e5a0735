/**
 * Test doubles for the supervisor (not exported from index.ts): a worker whose side the test plays, a clock
 * with manual ticks, Web Locks with `ifAvailable` and queued requests, and a BroadcastChannel hub.
 */
import {
  type HostToWorker,
  INTERRUPT,
  type PythonReady,
  type WorkerEvent,
  type WorkerInput,
  type WorkerToHost,
} from '../protocol';
import { createExecutorSupervisor } from './executor-supervisor';
import type { ChannelLike, ExecutorSupervisorDeps, LocksLike, NoticeInput, WorkerLike } from './types';

type Listener = (e: never) => void;

/** A worker double: records what the supervisor posts and lets the test answer as the worker. */
export function createFakeWorker() {
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
  const reply = (m: WorkerToHost) => dispatch('message', { data: m });
  /** The newest request of this type not yet answered by the test. */
  const answered = new Set<number>();
  const requestOf = (type: WorkerInput['type']) => {
    const found = posted.find((m) => m.input.type === type && !answered.has(m.requestId));
    if (!found) throw new Error(`No unanswered ${type} request; posted: ${posted.map((m) => m.input.type).join(', ')}`);
    return found;
  };
  return {
    worker,
    posted,
    types: () => posted.map((m) => m.input.type),
    isTerminated: () => terminated,
    reply,
    /** Answers the oldest unanswered request of `type` with `output`. */
    answer(type: WorkerInput['type'], output: unknown) {
      const req = requestOf(type);
      answered.add(req.requestId);
      reply({ type: 'response', requestId: req.requestId, result: { type: 'ok', output } as never });
    },
    fail(type: WorkerInput['type'], name: string, message: string) {
      const req = requestOf(type);
      answered.add(req.requestId);
      reply({ type: 'response', requestId: req.requestId, result: { type: 'error', name, message } });
    },
    emit: (event: WorkerEvent) => reply({ type: 'event', event }),
    crash: (message: string) => dispatch('error', { message, preventDefault() {} }),
  };
}

/** What a fake worker answers to boot-python. */
export const readyOutput = (warm = false): PythonReady => ({
  type: 'python-ready',
  pyodideVersion: '314.0.7',
  pythonVersion: '3.14.2',
  loadMs: warm ? 600 : 4200,
  warm,
  snapshot: warm ? 'used' : 'missing',
  bootMs: warm ? 700 : 4500,
});

/** A manual clock with `every()` ticks: `advance(ms)` moves time and runs due ticks. */
export function createFakeTime(start = 1000) {
  let now = start;
  const tickers = new Set<{ ms: number; next: number; tick: () => void }>();
  return {
    now: () => now,
    every(ms: number, tick: () => void) {
      const t = { ms, next: now + ms, tick };
      tickers.add(t);
      return () => tickers.delete(t);
    },
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        let due: { ms: number; next: number; tick: () => void } | undefined;
        for (const t of tickers) if (t.next <= end && (!due || t.next < due.next)) due = t;
        if (!due) break;
        now = due.next;
        due.next += due.ms;
        due.tick();
      }
      now = end;
    },
  };
}

/** In-memory Web Locks shared by fake tabs: exclusive, `ifAvailable`, queued requests, abort signals. */
export function createFakeLocks(): LocksLike & { holder(): string | undefined } {
  let held: string | undefined;
  let counter = 0;
  const queue: Array<{
    id: string;
    cb: (lock: unknown) => unknown;
    resolve(v: unknown): void;
    reject(e: unknown): void;
  }> = [];
  const grant = (id: string, cb: (lock: unknown) => unknown): Promise<unknown> => {
    held = id;
    return Promise.resolve()
      .then(() => cb({ name: 'lock' }))
      .finally(() => {
        held = undefined;
        const next = queue.shift();
        if (next) grant(next.id, next.cb).then(next.resolve, next.reject);
      });
  };
  return {
    holder: () => held,
    request(_name, options, cb) {
      const id = `req-${++counter}`;
      if (held === undefined) return grant(id, cb);
      if (options.ifAvailable) return Promise.resolve().then(() => cb(null));
      return new Promise((resolve, reject) => {
        const entry = { id, cb, resolve, reject };
        queue.push(entry);
        options.signal?.addEventListener('abort', () => {
          const at = queue.indexOf(entry);
          if (at >= 0) queue.splice(at, 1);
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
    },
  };
}

/** A BroadcastChannel hub: a message reaches every other open channel (not the sender), asynchronously. */
export function createChannelHub<T>() {
  const open = new Set<{ deliver(m: T): void }>();
  return {
    channel(): ChannelLike<T> {
      const listeners: Array<(e: MessageEvent<T>) => void> = [];
      const self = {
        deliver: (m: T) => {
          for (const l of listeners) l({ data: m } as MessageEvent<T>);
        },
      };
      open.add(self);
      return {
        postMessage(message: T) {
          const copy = structuredClone(message);
          for (const other of open) if (other !== self) setTimeout(() => other.deliver(copy), 0);
        },
        addEventListener: (_type, listener) => listeners.push(listener),
        close: () => open.delete(self),
      };
    },
  };
}

/**
 * Waits until `check` passes (returns without throwing, and not `false`), letting promise callbacks and
 * zero-delay timers run between tries; after `maxTurns` macrotasks it fails with the check's last error.
 * Tests wait for what they expect rather than for a fixed number of turns, so an implementation that adds a
 * hop still passes, and a test can only pass once its expectation holds.
 */
export async function until(check: () => unknown, maxTurns = 100): Promise<void> {
  let last: unknown;
  for (let turn = 0; turn < maxTurns; turn++) {
    try {
      if (check() !== false) return;
      last = new Error(`until(): ${check.toString()} stayed false`);
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 0));
  }
  throw last;
}

/**
 * Resolves after every microtask queued so far has run (one macrotask), however many promise hops they take:
 * for an answer whose only effect is internal (a ping's answer tells the watchdog the worker is alive).
 */
export const drained = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Options of {@link superviseFakes}. */
export interface SuperviseFakesOptions {
  /** `false`: no shared buffer (no cross-origin isolation). */
  interrupt?: boolean;
  /** Size of the shared buffer (default: the interrupt words only). */
  bufferBytes?: number;
  /** How far the wall clock (`wallNow`) runs ahead of the supervisor's clock; none without it. */
  wallAheadMs?: number;
  /** Run a (fake) journal mirror worker beside each executor. */
  mirrors?: boolean;
  /** Keep the next worker spawned ahead of a restart (`ExecutorSupervisorDeps.standbyWorker`). */
  standby?: boolean;
  /** When the user's wait began (the supervisor's `waitStartedAt`); the fake clock starts at 1000. */
  waitStartedAt?: number;
  /** Where busy attempts are recorded for the next page (see `ExecutorSupervisorDeps.busyRecord`). */
  busyRecord?: ExecutorSupervisorDeps['busyRecord'];
}

/** A journal mirror worker double: a real channel port for the executor, failures the test fires. */
export function createFakeMirror() {
  const channel = new MessageChannel();
  let fail: (why: string) => void = () => {};
  let terminated = false;
  return {
    mirror: {
      port: channel.port1,
      onError: (listener: (why: string) => void) => {
        fail = listener;
      },
      terminate: () => {
        terminated = true;
        channel.port1.close();
        channel.port2.close();
      },
    },
    fail: (why: string) => fail(why),
    isTerminated: () => terminated,
  };
}

/** A supervisor over fake workers and fake time, as each supervisor test needs it. */
export function superviseFakes(options: SuperviseFakesOptions = {}) {
  const workers: ReturnType<typeof createFakeWorker>[] = [];
  const time = createFakeTime();
  const notices: NoticeInput[] = [];
  const buffers: SharedArrayBuffer[] = [];
  const mirrors: ReturnType<typeof createFakeMirror>[] = [];
  const ahead = options.wallAheadMs;
  const supervisor = createExecutorSupervisor({
    spawn: () => {
      const w = createFakeWorker();
      workers.push(w);
      return w.worker;
    },
    now: time.now,
    ...(options.waitStartedAt === undefined ? {} : { waitStartedAt: options.waitStartedAt }),
    ...(ahead === undefined ? {} : { wallNow: () => time.now() + ahead }),
    every: time.every,
    pyodideIndexURL: 'http://x/py/',
    createInterruptBuffer: () => {
      if (options.interrupt === false) return undefined;
      const b = new SharedArrayBuffer(options.bufferBytes ?? INTERRUPT.length * 4);
      buffers.push(b);
      return b;
    },
    notify: (n) => notices.push(n),
    ...(options.busyRecord ? { busyRecord: options.busyRecord } : {}),
    ...(options.standby ? { standbyWorker: true } : {}),
    ...(options.mirrors
      ? {
          spawnJournalMirror: () => {
            const m = createFakeMirror();
            mirrors.push(m);
            return m.mirror;
          },
        }
      : {}),
  });
  const current = () => workers.at(-1) as ReturnType<typeof createFakeWorker>;
  /** Answers the current worker's boot-python (it is ready; what comes next is up to the test). */
  const start = async (warm = false) => {
    current().answer('boot-python', readyOutput(warm));
    await drained();
  };
  /** Boots the current worker: answers boot-python, waits for it to ask to recover, and answers that. */
  const boot = async (warm = false, resumed = 1) => {
    const worker = current();
    worker.answer('boot-python', readyOutput(warm));
    await until(() => worker.types().includes('recover'));
    worker.answer('recover', { type: 'recovered', resumed, waitingForSource: 0 });
  };
  return { supervisor, workers, current, time, notices, buffers, mirrors, boot, start };
}
