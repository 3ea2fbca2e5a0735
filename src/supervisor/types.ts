import type { JournalEvent } from '../engine';
import type {
  BootProgress,
  HostToWorker,
  LoadSourceResult,
  PythonReady,
  WorkerToHost,
  WorkflowInfo,
} from '../protocol';

export type { LoadSourceResult, WorkflowInfo };

/** Removes the listener it was returned for. */
export type Unsubscribe = () => void;

/**
 * What the status bar shows (docs/studio-client.md). `since` is on this tab's `performance.now()` clock.
 * `role`: only the leader tab executes; followers watch the journal and forward commands to the leader.
 */
export type ExecutorState =
  | { status: 'starting'; since: number; role: 'leader' | 'follower'; phase?: BootProgress['phase'] }
  | {
      status: 'ready';
      since: number;
      coldStartMs: number;
      warm: boolean;
      python: PythonReady;
      role: 'leader' | 'follower';
      /** Crash injection armed: the executor dies just before the next step attempt. */
      killArmed?: boolean;
    }
  | { status: 'restarting'; since: number; reason: string; role: 'leader' }
  | { status: 'failed'; since: number; error: { name: string; message: string }; role: 'leader' | 'follower' };

/** Where `restart(id, from)` starts again: a journaled call by name, count and type. */
export interface RestartFrom {
  name: string;
  count?: number;
  type?: 'do' | 'sleep' | 'waitForEvent';
}

/** A message for the person using the studio: storage full, executor restarted, Python interrupted… */
export interface StudioNotice {
  id: number;
  level: 'error' | 'warning' | 'info';
  /** A short title, usually an error name (`StorageFullError`, `ExecutorRestarted`). */
  name: string;
  message: string;
  /** `performance.now()` of this tab when it was raised. */
  at: number;
}

/** A notice before it is numbered and stamped. */
export type NoticeInput = Omit<StudioNotice, 'id' | 'at'>;

/**
 * How the UI drives the executor (docs/studio-client.md). Instance data never flows through it: the UI reads
 * the journal from IndexedDB with `liveQuery`. Every method rejects with an `Error` whose `name` and
 * `message` are for the user; a method called while the executor restarts waits for it.
 */
export interface StudioClient {
  getState(): ExecutorState;
  subscribe(listener: () => void): Unsubscribe;
  /** Imports a file version into Python (once per version). Instances replay with the newest loaded version of their file. */
  loadSource(file: { fileId: string; version: number; name: string; source: string }): Promise<LoadSourceResult>;
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
  /** Crash injection: kill the executor worker now. It restarts and recovers. */
  killExecutor(): Promise<void>;
  /** Crash injection: kill it just before the next step attempt runs user code (`killArmed` until then). */
  killAtNextStep(): Promise<void>;
  /** Forgets an armed `killAtNextStep`. */
  disarmKill(): Promise<void>;
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
