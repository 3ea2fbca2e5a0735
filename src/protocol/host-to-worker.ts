/**
 * Host → worker: the one message the host sends (`WorkerRequest`) and what a request asks (`WorkerInput`).
 * Each request is answered by a `WorkerResponse` (worker-to-host.ts) with the same `requestId`.
 */
import type { BindingCall, JournalEvent, Mocks, RequestRecord, RestartFrom } from '../engine';

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
  /**
   * A port to the journal mirror (src/persistence/journal-mirror-port.ts), a worker the supervisor runs beside
   * this one, so the journal reaches IndexedDB even while a step blocks this worker. Transferred. Without it
   * the executor mirrors the journal in its own thread.
   */
  journalMirror?: MessagePort;
  /**
   * How many journal requests (`fail-stopped-attempts`, then the Terminate, Pause and Delete a restart carried
   * over) the host sends right after this one. They need no Python, so the executor does them as soon as its
   * journal is open, and only then starts Python, whose boot would otherwise hold this thread for seconds.
   */
  journalWork?: number;
}

/** Liveness check; the worker answers at once unless it is blocked (e.g. by Python in a tight loop). */
export interface Ping {
  type: 'ping';
}

/** Resume every unfinished instance from the journal (after boot, also after a crash or in a new tab). */
export interface Recover {
  type: 'recover';
}

/**
 * An attempt the supervisor stopped by ending its worker (Kill now, a reload, a restart to apply a command, or
 * a step past its timeout that did not stop when interrupted).
 */
export interface StoppedAttempt {
  instanceId: string;
  stepName: string;
  attempt: number;
  /** What to journal; absent: it ran past its timeout (journaled as the step's timeout error). */
  error?: { name: string; message: string };
  /**
   * Crash injection (`after-call`) cut it off: journaled as the engine journals an attempt lost in a crash
   * (`WorkflowInternalError`, retried at once), `error` aside.
   */
  lost?: true;
  /** The `self.env` binding calls it made before it was stopped: journaled with it (absent: none). */
  bindings?: BindingCall[];
  /** The requests it made through the network gate before it was stopped: journaled with it (absent: none). */
  requests?: RequestRecord[];
}

/**
 * An instance whose own code outside any step (`run()`, or a task or callback it started) held Python when the
 * supervisor ended its executor (Kill now, a reload, a restart): as a run whose invocation dies on Cloudflare
 * (its CPU limit), the instance errors with `error` instead of resuming into the same code.
 */
export interface StoppedRun {
  instanceId: string;
  error: { name: string; message: string };
}

/**
 * Sent to a new executor before anything else: journal each attempt (if it is still the instance's last, and
 * running) as failed with `error`, its retry per the step's config, so recovery never walks straight back into
 * a runaway, and the attempt counts toward its retry limit; then each of `runs` (if its run is still going) as
 * errored. Refused once the executor has done anything else.
 */
export interface FailStoppedAttempts {
  type: 'fail-stopped-attempts';
  attempts: StoppedAttempt[];
  runs?: StoppedRun[];
}

/** Import one version of a workflow file into Python (once per version). */
export interface LoadSource {
  type: 'load-source';
  fileId: string;
  version: number;
  name: string;
  source: string;
  /** The file's mocks, checked by the UI (src/export/mocks-schema.ts); absent = none. */
  mocks?: Mocks;
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
  from?: RestartFrom;
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

/**
 * Where armed crash injection kills the executor: `before-attempt` (the default) just before the next step
 * attempt runs user code; `after-call` inside the next attempt, right after its next `self.env` binding call or
 * fetch through the network gate completes (the side effect happened) and before the attempt's result is
 * journaled.
 */
export type KillPoint = 'before-attempt' | 'after-call';

/** Crash injection: the worker stops itself at the next step attempt, at `at` (default `before-attempt`). */
export interface KillAtNextStep {
  type: 'kill-at-next-step';
  at?: KillPoint;
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

/**
 * Link an instance that has no file (an imported journal without its source), or whose file was deleted, to
 * the studio file holding its workflow: durably, so it replays with that file's code from now on (an
 * unfinished one resumes once a version of the file is loaded) and exports with its source. Refused for an
 * instance whose file still exists.
 */
export interface LinkInstanceFile {
  type: 'link-instance-file';
  id: string;
  fileId: string;
}

/**
 * The replay notes of an instance (engine `replayNotes`): what its runs since the executor loaded it replayed
 * by Cloudflare's keys although the code changed (reordered or inserted steps, a sleep or wait asked for with
 * other arguments). Kept in the executor's memory only, so a restarted executor has none until the next replay.
 */
export interface GetReplayNotes {
  type: 'replay-notes';
  id: string;
}

/**
 * Replay a journal against a file's code on a virtual clock (the CLI's replay): `events` without the last
 * run's end, so `run()` runs again from the top; recorded calls are served, new ones run with time jumping
 * to each next timer, until the instance completes, errors or waits for an event. Nothing is journaled in
 * the studio: the answer holds the replay's whole journal.
 */
export interface ReplayOnVirtualClock {
  type: 'replay-virtual';
  events: JournalEvent[];
  source: string;
  /** The file's name, for tracebacks and errors. */
  filename: string;
}

/**
 * Run the project's Python tests (the files named `test_*.py`) in the executor, each test on a fresh engine on a
 * virtual clock; the other files are what the tests import (`from order_workflow import OrderWorkflow`) and
 * `conftest.py`. Each instance a test created is then imported into the studio's journal, linked to the file of
 * its workflow, so it opens like any instance.
 */
export interface RunTests {
  type: 'run-tests';
  files: {
    fileId: string;
    name: string;
    source: string;
    /** The file's env declaration text: a test file's tests get the env of the workflow files it imports. */
    env?: string;
    /** The file's mocks, checked by the UI: a test file's tests get the mocks of the workflow files it imports. */
    mocks?: Mocks;
    /** Why the file's mocks could not be used (the UI's check failed): the tests importing it fail with this. */
    mocksProblem?: string;
  }[];
}

/**
 * Runs one method of a file's `self.env` binding for the Env & bindings browser (not part of any instance, not
 * journaled): e.g. `{binding: "KV", op: "list", args: [{"prefix": ""}]}`, D1 `query` / `exec` / `tables`, R2
 * `list` / `get` / `delete`. Values as Python sends them (bytes tagged `{"$type": "bytes", …}`).
 */
export interface EnvCall {
  type: 'env-call';
  fileId: string;
  binding: string;
  op: string;
  args: unknown[];
}

/**
 * The commands the studio issues for the person using it (files and instances). A follower tab forwards the
 * same commands to the leader (`ForwardedCommand`), so a new one is forwardable as soon as it is added here.
 */
export type StudioCommand =
  | EnvCall
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
  | ImportJournal
  | LinkInstanceFile
  | GetReplayNotes
  | ReplayOnVirtualClock
  | RunTests;

/** Everything the host can ask of the worker: its lifecycle, and the studio's commands. */
export type WorkerInput = BootPython | Ping | Recover | FailStoppedAttempts | StudioCommand;

/** The only message the host sends: a request with an id that its response echoes. */
export interface WorkerRequest {
  type: 'request';
  requestId: number;
  input: WorkerInput;
}

/**
 * Sent by the page to the worker it spawns before the tab knows whether it leads (supervisor/early-worker.ts):
 * the worker starts what a `boot-python` for `indexURL` (default database, snapshots on) would do first and
 * changes nothing (fetching and compiling Pyodide, reading or fetching the snapshot, restoring it), so the
 * restore is not held back by the leader election. The boot request claims it; a follower terminates the worker
 * unclaimed. Not a request: nothing answers it.
 */
export interface HeadStart {
  type: 'head-start';
  indexURL: string;
}

/** All messages the supervisor sends a worker (the page may send a `HeadStart` first). */
export type HostToWorker = WorkerRequest;
