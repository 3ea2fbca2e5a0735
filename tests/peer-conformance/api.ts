/**
 * The calls a scenario's `drive` makes, the same for both sides: each side only answers `call(cmd)` — the
 * peer over HTTP to the worker miniflare runs (peer-worker.mjs), ours in-process (our-side.ts) — with the
 * same command set and the same encoding of values and thrown errors.
 */
import { isDeepStrictEqual } from 'node:util';

export type Binding = 'main' | 'limited';

/** One command, as peer-worker.mjs performs it. */
export type Command =
  | { op: 'create'; opts: unknown }
  | { op: 'createBatch'; list: unknown[] }
  | { op: 'status' | 'pause' | 'resume' | 'terminate' | 'trace'; id: string }
  | { op: 'restart'; id: string; opts: unknown }
  | { op: 'sendEvent'; id: string; event: unknown };

/** What `call` answers: the value, or the name and message of what was thrown. */
export type Reply = { ok: true; value: unknown } | { ok: false; thrown: { name: string; message: string } };

/** One side: performs a command for `scenario` on `binding`. */
export type Call = (cmd: Command & { scenario: string; binding: Binding }) => Promise<Reply>;

export interface EncodedStatus {
  status: string;
  [k: string]: unknown;
}

/** Thrown by the api when the side threw: carries the side's error name and message. */
export class SideError extends Error {
  constructor(thrown: { name: string; message: string }) {
    super(thrown.message);
    this.name = thrown.name;
  }
}

/** encode(undefined) (values.mjs). */
const UNDEFINED = { $: 'undefined' };
const FINISHED = ['complete', 'errored', 'terminated'];
const POLL_MS = 10;
const SETTLE_MS = 150;

export interface DriveApi {
  create(opts?: unknown, binding?: Binding): Promise<string>;
  createBatch(list: unknown[]): Promise<string[]>;
  /** status(), with a missing `error` read as null (Cloudflare's local engine leaves it undefined, ours null). */
  status(id: string): Promise<EncodedStatus>;
  /** status() exactly as the side returned it (for the status-shape scenarios). */
  rawStatus(id: string): Promise<EncodedStatus>;
  /** Polls status() until it is one of `statuses` (default: finished); throws after `timeoutMs`. */
  until(id: string, statuses?: string[], timeoutMs?: number): Promise<EncodedStatus>;
  /**
   * Waits until the instance has had time to block on its first sleep or wait: it has left `queued` and
   * 150 ms more passed. (Cloudflare's local engine says `running` while an instance waits, ours `waiting`, so
   * a status cannot tell.) Returns the status seen then.
   */
  settledIn(id: string): Promise<EncodedStatus>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  terminate(id: string): Promise<void>;
  restart(id: string, opts?: unknown): Promise<void>;
  sendEvent(id: string, event: unknown): Promise<void>;
  trace(id: string): Promise<Array<{ at: number; [k: string]: unknown }>>;
  /** Runs `fn`: `{ok: true, value}` or `{ok: false, thrown: {name, message}}`. */
  attempt(fn: () => Promise<unknown>): Promise<Reply>;
  sleep(ms: number): Promise<void>;
}

export function createDriveApi(call: Call, scenario: string): DriveApi {
  const bindingOf = new Map<string, Binding>();
  const send = async (cmd: Command, binding: Binding = 'main'): Promise<unknown> => {
    const reply = await call({ ...cmd, scenario, binding });
    if (!reply.ok) throw new SideError(reply.thrown);
    return reply.value;
  };
  const on = (id: string) => bindingOf.get(id) ?? 'main';
  const api: DriveApi = {
    async create(opts, binding = 'main') {
      const id = (await send({ op: 'create', opts }, binding)) as string;
      bindingOf.set(id, binding);
      return id;
    },
    async createBatch(list) {
      return (await send({ op: 'createBatch', list })) as string[];
    },
    async status(id) {
      const st = await api.rawStatus(id);
      return isDeepStrictEqual(st.error, UNDEFINED) ? { ...st, error: null } : st;
    },
    async rawStatus(id) {
      return (await send({ op: 'status', id }, on(id))) as EncodedStatus;
    },
    async until(id, statuses = FINISHED, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const st = await api.status(id);
        if (statuses.includes(st.status)) return st;
        if (Date.now() > deadline) throw new Error(`${id} still ${st.status} after ${timeoutMs} ms`);
        await api.sleep(POLL_MS);
      }
    },
    async settledIn(id) {
      await api.until(id, ['running', 'waiting', ...FINISHED], 3_000);
      await api.sleep(SETTLE_MS);
      return api.status(id);
    },
    pause: async (id) => void (await send({ op: 'pause', id }, on(id))),
    resume: async (id) => void (await send({ op: 'resume', id }, on(id))),
    terminate: async (id) => void (await send({ op: 'terminate', id }, on(id))),
    restart: async (id, opts) => void (await send({ op: 'restart', id, opts }, on(id))),
    sendEvent: async (id, event) => void (await send({ op: 'sendEvent', id, event }, on(id))),
    trace: async (id) => (await send({ op: 'trace', id }, on(id))) as Array<{ at: number }>,
    async attempt(fn) {
      try {
        return { ok: true, value: await fn() };
      } catch (error) {
        const e = error as { name?: unknown; message?: unknown };
        return { ok: false, thrown: { name: String(e?.name), message: String(e?.message) } };
      }
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
  return api;
}
