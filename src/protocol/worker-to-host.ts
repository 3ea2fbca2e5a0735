/**
 * Worker → host: the answer to each request (`WorkerResponse`, typed per request by `OutputOf`) and the
 * worker's unsolicited events (`WorkerEventMessage`).
 */
import { IllegalStateError, type JournalEvent, type ReplayNote, type WorkflowInfo } from '../engine';
import type { KillPoint, StoppedAttempt, WorkerInput } from './host-to-worker';
import type { SerializedError } from './shared';

/**
 * How Python started: from a matching memory snapshot this browser stored (`used`), from the snapshot shipped
 * with the app (`shipped`: a first visit), or a plain load, and why: none stored and none shipped (`missing`),
 * the stored one (`failed`) or the shipped one (`shipped-failed`) could not be restored, snapshots off.
 */
export type SnapshotUse = 'used' | 'shipped' | 'missing' | 'failed' | 'shipped-failed' | 'disabled';

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
  /** Size of the shipped snapshot restored (`snapshot: 'shipped'`), in bytes. */
  snapshotBytes?: number;
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

/** A workflow class found in a loaded file (the engine's `WorkflowInfo`). */
export type { WorkflowInfo };

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

/** Answer to `env-call`: the binding method's result (JSON; bytes tagged). */
export interface EnvAnswer {
  type: 'env-answer';
  result: unknown;
}

/** One test of a `run-tests`: how it ended, what it printed and the instances it created. */
export interface TestCaseReport {
  /** The studio file's name, e.g. `test_order.py`. */
  file: string;
  /** `test_charge`, or `test_add[1-2]` for a parametrize row; `*` for a file skipped or failed whole. */
  name: string;
  line: number;
  outcome: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  /** The failure (or a skip's reason): exception name, the message the user reads, its line, the traceback. */
  failure: { name: string; message: string; line: number | null; traceback: string } | null;
  output: string;
  /** `imported`: in the studio's journal now (it opens like any instance); else `why` it is not. */
  instances: { id: string; workflowName: string; status: string; imported: boolean; why?: string }[];
}

/** Answer to `run-tests`. */
export interface TestsRan {
  type: 'tests-ran';
  tests: TestCaseReport[];
  /** pytest features the files use that the runner does not run, each named once. */
  unsupported: string[];
  durationMs: number;
}

/** Answer to a command that returns nothing (journaled before this answer is sent). */
export interface Done {
  type: 'done';
}

/** Answer to `replay-notes`: the instance's notes, oldest first (none for an instance the executor has not run). */
export interface ReplayNotes {
  type: 'replay-notes';
  notes: ReplayNote[];
}

/** Answer to `replay-virtual`: the replay's whole journal (the events sent, then what the replay added). */
export interface Replayed {
  type: 'replayed';
  events: JournalEvent[];
}

/** Everything a successful request can answer. */
export type WorkerOutput =
  | PythonReady
  | Pong
  | Recovered
  | SourceLoaded
  | InstancesCreated
  | Done
  | ReplayNotes
  | Replayed
  | EnvAnswer
  | TestsRan;

/** Maps each request type to its success output, so the supervisor's `request()` is typed end to end. */
export interface OutputOf {
  'boot-python': PythonReady;
  ping: Pong;
  recover: Recovered;
  'fail-stopped-attempts': Done;
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
  'link-instance-file': Done;
  'replay-notes': ReplayNotes;
  'replay-virtual': Replayed;
  'env-call': EnvAnswer;
  'run-tests': TestsRan;
}

/** The `type` of each request's success output, so the host can check every answer against its request. */
export const OUTPUT_TYPE: { readonly [K in keyof OutputOf]: OutputOf[K]['type'] } = {
  'boot-python': 'python-ready',
  ping: 'pong',
  recover: 'recovered',
  'fail-stopped-attempts': 'done',
  'load-source': 'source-loaded',
  'create-instance': 'instances-created',
  'create-batch': 'instances-created',
  'pause-instance': 'done',
  'resume-instance': 'done',
  'terminate-instance': 'done',
  'restart-instance': 'done',
  'send-event': 'done',
  'skip-wait': 'done',
  'delete-instances': 'done',
  'kill-at-next-step': 'done',
  'disarm-kill': 'done',
  'import-journal': 'instances-created',
  'link-instance-file': 'done',
  'replay-notes': 'replay-notes',
  'replay-virtual': 'replayed',
  'env-call': 'env-answer',
  'run-tests': 'tests-ran',
};

/**
 * `output` as the answer to a request of type `request`. The worker's handler table is typed per request
 * (`RequestHandlers`); this is the receiving end's check: another request's answer is a bug and throws.
 */
export function answerTo<K extends keyof OutputOf>(request: K, output: WorkerOutput): OutputOf[K] {
  const expected = OUTPUT_TYPE[request];
  if (output.type !== expected) {
    throw new IllegalStateError(`Expected a ${expected} answer to ${request}, got ${output.type}`);
  }
  return output as OutputOf[K];
}

/**
 * What the worker answers each request with, one handler per request type, each typed with its own input and
 * its `OutputOf` output: the executor implements this table, so the output the supervisor's `request()`
 * promises for a request type is the one the worker's handler for it must produce.
 */
export type RequestHandlers = {
  [K in keyof OutputOf]: (input: Extract<WorkerInput, { type: K }>) => Promise<OutputOf[K]> | OutputOf[K];
};

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
  phase:
    | 'reading-snapshot'
    | 'restoring-snapshot'
    | 'fetching-snapshot'
    | 'loading-python'
    | 'installing-sdk'
    | 'opening-database';
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
  /** Where it fired (absent: `before-attempt`). */
  at?: KillPoint;
  /**
   * The attempt an `after-call` kill cut off, with the calls it made: the next executor journals it as lost
   * with those calls (`fail-stopped-attempts`), so the journal shows the side effect happened before the crash.
   */
  attempt?: StoppedAttempt;
}

/**
 * The executor stopped its engine and must be replaced: another writer journaled the same events (a second
 * executor, e.g. in another tab), so continuing could run a step twice. A fresh executor resumes from the journal.
 */
export interface ExecutorHalted {
  type: 'executor-halted';
  error: SerializedError;
}

/** What a notice says: its level, a short title (usually an error name) and the message the person reads. */
export interface NoticeText {
  level: 'error' | 'warning' | 'info';
  name: string;
  message: string;
}

/**
 * A message for the person using the studio (storage full, an instance dropped from memory…), as the worker
 * sends it. (Not the UI store's `Notice`, an item of the notice area.)
 */
export interface WorkerNotice extends NoticeText {
  type: 'notice';
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
  | WorkerNotice;

/** An unsolicited event from the worker. */
export interface WorkerEventMessage {
  type: 'event';
  event: WorkerEvent;
}

/** All worker → host messages. */
export type WorkerToHost = WorkerResponse | WorkerEventMessage;
