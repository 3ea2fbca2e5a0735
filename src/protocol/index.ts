/**
 * Typed messages between the main thread (supervisor) and the executor worker.
 *
 * Every layer is a discriminated union on `type` (kebab-case), so neither side ever sniffs fields:
 * - the envelope: `HostToWorker` (requests) and `WorkerToHost` (responses to requests, and unsolicited events);
 * - the payloads: `WorkerInput` (what a request asks), `WorkerOutput` (what a success answers), `WorkerEvent`.
 * Adding a variant is a compile error in every `switch` with `assertNever` until it is handled.
 * Everything here must survive `postMessage` (structured clone): plain data only, no classes, no PyProxy.
 */
import type { JournalEvent } from '../engine';

/** An error flattened for `postMessage`; the receiver rehydrates it by `name` (prototypes don't survive). */
export interface SerializedError {
  type: 'error';
  name: string;
  message: string;
  stack?: string;
  /** The Python traceback, when the error came from Python. */
  pythonTraceback?: string;
}

// ── requests: host → worker ────────────────────────────────────────────────────────────────────────────

/**
 * Start Python and the engine: load Pyodide from `indexURL` (warm from a memory snapshot when one matches),
 * open the database. Idempotent: a second request answers with the same boot. `interruptBuffer` (when the
 * page is cross-origin isolated) lets the supervisor raise `KeyboardInterrupt` in runaway Python.
 */
export interface BootPython {
  type: 'boot-python';
  indexURL: string;
  /** Int32 slots laid out as {@link INTERRUPT}; absent without cross-origin isolation. */
  interruptBuffer?: SharedArrayBuffer;
  /** Use and make memory snapshots (default true); false forces a plain load every time. */
  snapshots?: boolean;
  /** IndexedDB database name; default `workflow-studio` (tests and benches pass their own). */
  dbName?: string;
}

/** Liveness check; the worker answers at once unless it is blocked (e.g. by Python in a tight loop). */
export interface Ping {
  type: 'ping';
}

/** Resume every unfinished instance from the journal (after boot, also after a crash or in a new tab). */
export interface Recover {
  type: 'recover';
}

/** Import one version of a workflow file into Python (once per version). */
export interface LoadSource {
  type: 'load-source';
  fileId: string;
  version: number;
  name: string;
  source: string;
}

/** Create and start an instance of `workflowName` from the newest loaded version of `fileId`. */
export interface CreateInstance {
  type: 'create-instance';
  fileId: string;
  workflowName: string;
  id?: string;
  params?: unknown;
}

/** Create up to 100 instances at once (Cloudflare's `createBatch`): all or none pass validation. */
export interface CreateBatch {
  type: 'create-batch';
  fileId: string;
  workflowName: string;
  items: { id?: string; params?: unknown }[];
}

/** Pause an instance (waits for attempts in flight: `waitingForPause`). */
export interface PauseInstance {
  type: 'pause-instance';
  id: string;
}

/** Resume a paused instance, or cancel a pending pause. */
export interface ResumeInstance {
  type: 'resume-instance';
  id: string;
}

/** Stop an instance for good. */
export interface TerminateInstance {
  type: 'terminate-instance';
  id: string;
}

/** Start an instance over, keeping the calls before `from` when given. */
export interface RestartInstance {
  type: 'restart-instance';
  id: string;
  from?: { name: string; count?: number; type?: 'do' | 'sleep' | 'waitForEvent' };
}

/** Send an event to an instance (journaled, then delivered to a matching wait). */
export interface SendEvent {
  type: 'send-event';
  id: string;
  event: { type: string; payload?: unknown };
}

/** End the instance's current sleep / retry delay / wait timeout now. */
export interface SkipWait {
  type: 'skip-wait';
  id: string;
}

/** Stop and delete instances with their journals. */
export interface DeleteInstances {
  type: 'delete-instances';
  ids: string[];
}

/** Crash injection: the worker stops itself just before the next step attempt runs user code. */
export interface KillAtNextStep {
  type: 'kill-at-next-step';
}

/** Crash injection: forget an armed `kill-at-next-step` (nothing happens if none is armed). */
export interface DisarmKill {
  type: 'disarm-kill';
}

/**
 * Import one instance's journal (an exported journal file, docs/journal-format.md): every event and the summary
 * derived from them are written in one transaction. Refused when the id is taken or the events are not one
 * consistent journal; an unfinished imported instance resumes like a recovered one.
 */
export interface ImportJournal {
  type: 'import-journal';
  events: JournalEvent[];
  /**
   * The studio file holding the journal's source (the import opened or created it): written as the instance's
   * file in the same transaction, so it replays with that file's code and exports with its source. Without it
   * the instance has no file, like before.
   */
  fileId?: string;
}

/** Everything the host can ask of the worker. */
export type WorkerInput =
  | BootPython
  | Ping
  | Recover
  | LoadSource
  | CreateInstance
  | CreateBatch
  | PauseInstance
  | ResumeInstance
  | TerminateInstance
  | RestartInstance
  | SendEvent
  | SkipWait
  | DeleteInstances
  | KillAtNextStep
  | DisarmKill
  | ImportJournal;

/** The only message the host sends: a request with an id that its response echoes. */
export interface WorkerRequest {
  type: 'request';
  requestId: number;
  input: WorkerInput;
}

/** All host → worker messages. */
export type HostToWorker = WorkerRequest;

// ── responses and events: worker → host ────────────────────────────────────────────────────────────────

/** How Python started: from a matching memory snapshot, or a plain load (and why). */
export type SnapshotUse = 'used' | 'missing' | 'failed' | 'disabled';

/** Answer to `boot-python`: the interpreter and the engine are ready. Times are milliseconds. */
export interface PythonReady {
  type: 'python-ready';
  pyodideVersion: string;
  pythonVersion: string;
  /** Time spent inside `loadPyodide()` in the worker (with a snapshot: restoring it). */
  loadMs: number;
  /** True when Python was restored from a memory snapshot. Absent in answers from before snapshots. */
  warm?: boolean;
  /** What happened with the snapshot. */
  snapshot?: SnapshotUse;
  /** Whole boot in the worker: snapshot read, Python, SDK, database. */
  bootMs?: number;
  /** Where the boot went, in ms (e.g. `database`, `snapshot-check`, `pyodide`, `sdk`, `snapshot-make`). */
  phases?: Record<string, number>;
}

/** Answer to `ping`. */
export interface Pong {
  type: 'pong';
}

/** Answer to `recover`: how many unfinished instances were resumed, and how many wait for their file's source. */
export interface Recovered {
  type: 'recovered';
  resumed: number;
  waitingForSource: number;
}

/** A workflow class found in a loaded file. */
export interface WorkflowInfo {
  className: string;
  workflowName: string;
  /** The `env` binding name (UPPER_SNAKE of the class name). */
  binding: string;
  /** 1-based line of the `class` statement, when known. */
  line: number | null;
}

/** Result of loading a file's source: its workflows, or the Python error (with line and traceback). */
export type LoadSourceResult =
  | { ok: true; fileId: string; version: number; workflows: WorkflowInfo[] }
  | {
      ok: false;
      fileId: string;
      version: number;
      error: { name: string; message: string; line: number | null; traceback: string };
    };

/** Answer to `load-source`. An error in the user's code is a result, not a failed request. */
export interface SourceLoaded {
  type: 'source-loaded';
  result: LoadSourceResult;
}

/** Answer to `create-instance` / `create-batch` / `import-journal`: the ids, in request order. */
export interface InstancesCreated {
  type: 'instances-created';
  ids: string[];
}

/** Answer to a command that returns nothing (journaled before this answer is sent). */
export interface Done {
  type: 'done';
}

/** Everything a successful request can answer. */
export type WorkerOutput = PythonReady | Pong | Recovered | SourceLoaded | InstancesCreated | Done;

/** Maps each request type to its success output, so the supervisor's `request()` is typed end to end. */
export interface OutputOf {
  'boot-python': PythonReady;
  ping: Pong;
  recover: Recovered;
  'load-source': SourceLoaded;
  'create-instance': InstancesCreated;
  'create-batch': InstancesCreated;
  'pause-instance': Done;
  'resume-instance': Done;
  'terminate-instance': Done;
  'restart-instance': Done;
  'send-event': Done;
  'skip-wait': Done;
  'delete-instances': Done;
  'kill-at-next-step': Done;
  'disarm-kill': Done;
  'import-journal': InstancesCreated;
}

/** The outcome of one request: ok with an output, or an error. */
export type WorkerResult = { type: 'ok'; output: WorkerOutput } | SerializedError;

/** The answer to the request with the same `requestId`. */
export interface WorkerResponse {
  type: 'response';
  requestId: number;
  result: WorkerResult;
}

/** The worker's module has loaded and its message handler is installed. */
export interface WorkerStarted {
  type: 'worker-started';
}

/** Something failed in the worker outside any request (an unhandled rejection, a bad message). */
export interface WorkerFault {
  type: 'worker-fault';
  error: SerializedError;
}

/** What the boot is doing now, for the status bar. */
export interface BootProgress {
  type: 'boot-progress';
  phase: 'reading-snapshot' | 'restoring-snapshot' | 'loading-python' | 'installing-sdk' | 'opening-database';
}

/** A memory snapshot made after a plain load was stored (or could not be); the next start is warm. */
export interface SnapshotStored {
  type: 'snapshot-stored';
  ok: boolean;
  bytes: number;
  ms: number;
  error?: SerializedError;
}

/**
 * A step attempt is about to run user code. `token` identifies it in `attempt-ended` and in the interrupt
 * buffer; the supervisor's watchdog expects it to end within `timeoutMs`.
 */
export interface AttemptStarted {
  type: 'attempt-started';
  token: number;
  instanceId: string;
  step: { name: string; count: number };
  attempt: number;
  timeoutMs: number;
}

/** The attempt with this token ended (any outcome). */
export interface AttemptEnded {
  type: 'attempt-ended';
  token: number;
}

/** Crash injection fired (`kill-at-next-step`): the worker is stopping itself now. */
export interface SelfKill {
  type: 'self-kill';
}

/**
 * The executor stopped its engine and must be replaced: another writer journaled the same events (a second
 * executor, e.g. in another tab), so continuing could run a step twice. A fresh executor resumes from the journal.
 */
export interface ExecutorHalted {
  type: 'executor-halted';
  error: SerializedError;
}

/** A message for the person using the studio (storage full, an instance dropped from memory…). */
export interface Notice {
  type: 'notice';
  level: 'error' | 'warning' | 'info';
  name: string;
  message: string;
  instanceId?: string;
}

/** Unsolicited news from the worker. */
export type WorkerEvent =
  | WorkerStarted
  | WorkerFault
  | BootProgress
  | SnapshotStored
  | AttemptStarted
  | AttemptEnded
  | SelfKill
  | ExecutorHalted
  | Notice;

/** An unsolicited event from the worker. */
export interface WorkerEventMessage {
  type: 'event';
  event: WorkerEvent;
}

/** All worker → host messages. */
export type WorkerToHost = WorkerResponse | WorkerEventMessage;

// ── between tabs (BroadcastChannel): followers forward commands to the leader, which executes ───────────

/** Crash injection from any tab: the leader terminates its executor worker now. */
export interface KillExecutor {
  type: 'kill-executor';
}

/** A command a follower tab forwards to the leader tab. */
export type ForwardedCommand =
  | LoadSource
  | CreateInstance
  | CreateBatch
  | PauseInstance
  | ResumeInstance
  | TerminateInstance
  | RestartInstance
  | SendEvent
  | SkipWait
  | DeleteInstances
  | KillAtNextStep
  | DisarmKill
  | KillExecutor
  | ImportJournal;

/** The leader's executor state, with ages instead of clock times (each tab has its own `performance.now`). */
export type SharedExecutorState =
  | { status: 'starting'; elapsedMs: number; phase?: BootProgress['phase'] }
  | {
      status: 'ready';
      elapsedMs: number;
      coldStartMs: number;
      warm: boolean;
      python: PythonReady;
      /** A `kill-at-next-step` is armed in the leader's worker. */
      killArmed?: boolean;
    }
  | { status: 'restarting'; elapsedMs: number; reason: string }
  | { status: 'failed'; elapsedMs: number; error: { name: string; message: string } };

/** A tab opened (or lost its leader): the leader answers with `leader-state`. */
export interface TabHello {
  type: 'tab-hello';
  tabId: string;
}

/** The leader's state, sent on every change and in answer to `tab-hello`. */
export interface LeaderState {
  type: 'leader-state';
  leaderId: string;
  state: SharedExecutorState;
}

/** A follower's command for the leader `to`; answered by `tab-result` with the same `requestId`. */
export interface TabCommand {
  type: 'tab-command';
  from: string;
  to: string;
  requestId: number;
  command: ForwardedCommand;
}

/** The leader's answer to a forwarded command. */
export interface TabResult {
  type: 'tab-result';
  to: string;
  requestId: number;
  result: WorkerResult;
}

/** A notice the leader raised, shown in every tab. */
export interface TabNotice {
  type: 'tab-notice';
  leaderId: string;
  notice: { level: 'error' | 'warning' | 'info'; name: string; message: string };
}

/** Every message between tabs. */
export type TabMessage = TabHello | LeaderState | TabCommand | TabResult | TabNotice;

// ── the interrupt buffer ───────────────────────────────────────────────────────────────────────────────

/**
 * Layout of the Int32 interrupt buffer shared by supervisor and worker. Pyodide reads slot `signal`
 * (`setInterruptBuffer`): writing `SIGINT` there raises `KeyboardInterrupt` in running Python. Before that,
 * the supervisor writes into `token` the attempt token it interrupts (or `LOAD_TOKEN`/`ANY_TOKEN`), so the
 * worker can journal the attempt as timed out rather than as a user `KeyboardInterrupt`.
 */
export const INTERRUPT = { signal: 0, token: 1, length: 2, SIGINT: 2, ANY_TOKEN: -1 } as const;

// ── helpers shared by both sides ───────────────────────────────────────────────────────────────────────

/** Flattens anything thrown into a `SerializedError`. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const out: SerializedError = { type: 'error', name: error.name, message: error.message };
    if (error.stack !== undefined) out.stack = error.stack;
    return out;
  }
  return { type: 'error', name: 'Error', message: String(error) };
}

/** Marks a `switch` as exhaustive: adding a union variant makes the call site a compile error. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled variant: ${JSON.stringify(value)}`);
}
