import type { JournalEvent, Mocks, ReplayNote, RestartFrom } from '../engine';
import type {
  BusyAttempt,
  ExecutorStatus,
  HostToWorker,
  LoadSourceResult,
  NoticeText,
  OutputOf,
  RunTests,
  StoppedAttempt,
  StoppedRun,
  TestsRan,
  WorkerEvent,
  WorkerInput,
  WorkerToHost,
  WorkflowInfo,
} from '../protocol';
import type { WatchdogConfig } from './watchdog';

export type { BusyAttempt, LoadSourceResult, WorkflowInfo };

/**
 * The executor's thread has not answered for a few seconds (Python that does not await). `since`: when it
 * last answered or the attempt started, whichever is later (`performance.now()` of this tab); `attempt`: the
 * one in flight, when there is one (else the code is in `run()`, at import or in a callback).
 */
export interface BusyState {
  since: number;
  attempt?: BusyAttempt;
  /** No step attempt holds Python: the instance whose own code (`run()`, a task or callback) does, when known. */
  run?: { instanceId: string };
}

/** Removes the listener it was returned for. */
export type Unsubscribe = () => void;

/**
 * What the status bar shows (docs/studio-client.md): the worker's state (`since` on this tab's
 * `performance.now()` clock) and the tab's `role`. Only the leader tab executes; followers watch the journal
 * and forward commands to the leader, and see a leader's restart as `starting`.
 */
export type ExecutorState =
  | (WorkerState & { role: 'leader' })
  | (Exclude<WorkerState, { status: 'restarting' }> & { role: 'follower' });

/** Where `restart(id, from)` starts again: a journaled call by name, count and type (the engine's type). */
export type { RestartFrom };

/**
 * A message for the person using the studio: storage full, executor restarted, Python interrupted… Its text
 * (`level`, `name` — a short title, usually an error name such as `StorageFullError` — and `message`) is the
 * protocol's `NoticeText`, as the worker and the other tabs send it.
 */
export interface StudioNotice extends NoticeText {
  id: number;
  /** `performance.now()` of this tab when it was raised. */
  at: number;
}

/** A notice before it is numbered and stamped. */
export type NoticeInput = NoticeText;

/**
 * How the UI drives the executor (docs/studio-client.md). Instance data never flows through it: the UI reads
 * the journal from IndexedDB with `liveQuery`. Every method rejects with an `Error` whose `name` and
 * `message` are for the user; a method called while the executor restarts waits for it.
 */
export interface StudioClient {
  getState(): ExecutorState;
  subscribe(listener: () => void): Unsubscribe;
  /** Imports a file version into Python (once per version). Instances replay with the newest loaded version of their file. */
  loadSource(file: {
    fileId: string;
    version: number;
    name: string;
    source: string;
    mocks?: Mocks;
  }): Promise<LoadSourceResult>;
  /** Creates and starts an instance of `workflowName` from that file. */
  create(req: { fileId: string; workflowName: string; id?: string; params?: unknown }): Promise<{ id: string }>;
  /** Creates up to 100 instances at once (all or none pass validation). */
  createBatch(req: {
    fileId: string;
    workflowName: string;
    items: { id?: string; params?: unknown }[];
  }): Promise<{ ids: string[] }>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  terminate(id: string): Promise<void>;
  restart(id: string, from?: RestartFrom): Promise<void>;
  sendEvent(id: string, event: { type: string; payload?: unknown }): Promise<void>;
  /** Ends the instance's current sleep / retry delay / wait timeout now. */
  skipWait(id: string): Promise<void>;
  deleteInstances(ids: string[]): Promise<void>;
  /**
   * Imports one instance's journal (the events of an exported journal file) under its own id, which must be
   * free; an unfinished instance resumes. Rejects with the reason when the id is taken or the journal is bad.
   * `fileId`: the studio file holding its source, linked to the instance in the same transaction.
   */
  importJournal(req: { events: JournalEvent[]; fileId?: string }): Promise<{ id: string }>;
  /**
   * Links an instance without a file (or whose file was deleted) to the studio file holding its workflow, for
   * good; an unfinished one resumes with that file's code. Rejects when its file still exists.
   */
  linkInstanceFile(id: string, fileId: string): Promise<void>;
  /** The instance's replay notes (protocol `GetReplayNotes`): kept in the executor's memory, oldest first. */
  replayNotes(id: string): Promise<ReplayNote[]>;
  /** Replays a journal against code on a virtual clock (protocol `ReplayOnVirtualClock`); its whole journal. */
  replayOnVirtualClock(req: { events: JournalEvent[]; source: string; filename: string }): Promise<JournalEvent[]>;
  /**
   * Runs a method of the file's `self.env` binding (KV, D1, R2) for the bindings browser; resolves with its
   * result (JSON, bytes tagged), rejects with the binding's error (`KV PUT failed: …`, `D1_ERROR: …`).
   */
  envCall(req: { fileId: string; binding: string; op: string; args: unknown[] }): Promise<unknown>;
  /**
   * Runs the project's `test_*.py` files in the executor (each test on its own engine on a virtual clock) and
   * imports the instances they created, linked to their workflow's file: the Tests panel.
   */
  runTests(files: RunTests['files']): Promise<TestsRan>;
  /** Crash injection: kill the executor worker now. It restarts and recovers. */
  killExecutor(): Promise<void>;
  /** Crash injection: kill it just before the next step attempt runs user code (`killArmed` until then). */
  killAtNextStep(): Promise<void>;
  /**
   * Crash injection inside an attempt: kill it right after the next step attempt's next `self.env` binding call
   * or gated fetch completes, before the attempt's result is journaled (`killArmed`, `killAt: 'after-call'`).
   */
  killAfterNextCall(): Promise<void>;
  /** Forgets an armed `killAtNextStep` or `killAfterNextCall`. */
  disarmKill(): Promise<void>;
  /**
   * Fails the attempt of instance `id` in flight (Python is interrupted; if it does not stop at once, the
   * executor is restarted): journaled as `AttemptStoppedError` naming "Stop attempt", retried per its config.
   */
  stopAttempt(id: string): Promise<void>;
  /** Notices as they happen; notices raised before the first listener are delivered to it. */
  onNotice(listener: (notice: StudioNotice) => void): Unsubscribe;
}

/** The part of `Worker` the supervisor uses, typed with our protocol. */
export interface WorkerLike {
  postMessage(message: HostToWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<WorkerToHost>) => void): void;
  addEventListener(type: 'error', listener: (e: ErrorEvent) => void): void;
  addEventListener(type: 'messageerror', listener: (e: MessageEvent) => void): void;
  terminate(): void;
}

/** The part of `navigator.locks` leader election uses. */
export interface LocksLike {
  request(
    name: string,
    options: { mode?: 'exclusive'; ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<unknown> | unknown,
  ): Promise<unknown>;
}

/** The part of `BroadcastChannel` the tabs use to talk. */
export interface ChannelLike<T> {
  postMessage(message: T): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<T>) => void): void;
  close(): void;
}

/** The worker's state as the leader sees it (the tab-level `ExecutorState` adds the role). */
export type WorkerState = ExecutorStatus<{ since: number }>;

/** A journal mirror worker as the supervisor holds it. */
export interface JournalMirrorWorker {
  /** The executor's end of the channel to the mirror. */
  port: MessagePort;
  /** Calls `listener` with the reason if the mirror worker fails (its script did not load, it threw). */
  onError(listener: (why: string) => void): void;
  terminate(): void;
}

/** What the supervisor needs from its host; injected so tests use a fake worker and a fake clock. */
export interface ExecutorSupervisorDeps {
  spawn(): WorkerLike;
  /** Keep the next worker spawned ahead of a restart, once an executor is ready (early-worker.ts). Default false. */
  standbyWorker?: boolean;
  /** Milliseconds, monotonic (`performance.now`). */
  now(): number;
  /**
   * When the user's wait began, on the `now()` clock: in a page `0`, since `performance.now()` counts from
   * navigation, so "Python ready … N s" is what the user waited, not the worker's age. Default: `now()` at creation.
   * A restart's wait counts from the restart.
   */
  waitStartedAt?: number;
  /** Absolute, same-origin URL of the Pyodide runtime files (ends with `/`). */
  pyodideIndexURL: string;
  /**
   * A SharedArrayBuffer for interrupts, when the page is cross-origin isolated; of `SHARED_BUFFER_BYTES`, it
   * also carries the attempts in flight (read each tick instead of two messages per attempt).
   */
  createInterruptBuffer?(): SharedArrayBuffer | undefined;
  /**
   * Starts a journal mirror worker for the next executor (one per executor, ended with it): its port goes to
   * the executor with `boot-python`. Without it the executor mirrors its journal in its own thread.
   */
  spawnJournalMirror?(): JournalMirrorWorker;
  /** Wall ms (`Date.now`), the clock of the attempt slots' start times. Default `Date.now`. */
  wallNow?(): number;
  /** Runs the watchdog every `ms`; returns a stop function. Default: `setInterval`. */
  every?(ms: number, tick: () => void): () => void;
  watchdog?: Partial<WatchdogConfig>;
  /** Passed to `boot-python`. */
  dbName?: string;
  snapshots?: boolean;
  /** Deaths before the worker ever becomes ready again, after which the supervisor gives up. Default 3. */
  maxFailedStarts?: number;
  /** A boot that has not answered after this long is treated as a dead worker (replaced). Default 60 s. */
  bootTimeoutMs?: number;
  /** Something the user should read (restarts, storage full…). */
  notify?(notice: NoticeInput): void;
  /**
   * Where the attempts keeping Python busy are written while they do (localStorage in the browser), so that
   * after a reload or a closed tab the next executor journals them as stopped before it resumes anything; with
   * the instance whose own code outside any step holds Python (`runs`), journaled errored (python-holder.ts).
   */
  busyRecord?: {
    write(attempts: StoppedAttempt[], runs?: StoppedRun[]): void;
    read(): StoppedAttempt[];
    readRuns?(): StoppedRun[];
  };
}

/** The handle `createExecutorSupervisor` returns. */
export interface ExecutorSupervisor {
  getState(): WorkerState;
  subscribe(listener: () => void): Unsubscribe;
  /** Sends one request (after the worker is ready); typed output, or `ExecutorError` / `WorkerCrashedError`. */
  request<T extends WorkerInput>(input: T): Promise<OutputOf[T['type']]>;
  onEvent(listener: (event: WorkerEvent) => void): Unsubscribe;
  /**
   * Terminates the worker now and starts a new one that recovers from the journal. `action`: the user's action
   * that killed it (Kill now): the attempts in flight are journaled as stopped by it before recovery.
   */
  kill(reason: string, action?: 'kill'): void;
  /** See `StudioClient.stopAttempt`; resolves once the attempt was interrupted or the executor replaced. */
  stopAttempt(instanceId: string): Promise<void>;
  /** Terminates the worker and rejects what is pending. Safe to call twice. */
  dispose(): void;
}
