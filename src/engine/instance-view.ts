/**
 * What `reduceJournal` derives from a journal: the instance as the UI, the CLI and the summaries see it.
 * Views share values with the journal events they come from; treat them as immutable.
 */
import type { SerializedError } from './errors';
import type { BindingCall, CallRef, RunReason, WakeKind } from './journal';
import type { Json } from './json';
import type { RequestRecord } from './mocks';
import type { ResolvedStepConfig } from './step-config';

/** Cloudflare's instance status names. `waiting` = sleeping, waiting for an event or for a retry delay. */
export type InstanceStatus =
  | 'queued'
  | 'running'
  | 'paused'
  | 'errored'
  | 'terminated'
  | 'complete'
  | 'waiting'
  | 'waitingForPause'
  | 'unknown';

/** Statuses an instance never leaves (except by `restart()`). */
export const FINITE_STATUSES: readonly InstanceStatus[] = ['complete', 'errored', 'terminated'];

/** An event as `waitForEvent` returns it. */
export interface ReceivedEvent {
  type: string;
  payload: Json;
  timestamp: number;
}

/** One attempt of a step. `outcome: 'running'` after a crash means the attempt was lost. */
export interface AttemptView {
  attempt: number;
  run: number;
  startedAt: number;
  endedAt: number | null;
  outcome: 'running' | 'succeeded' | 'failed';
  error: SerializedError | null;
  retryAt: number | null;
  /** Captured output (e.g. Python `print`) of the attempt. */
  logs: string[];
  /** The `self.env` binding calls the attempt made, when it made any. */
  bindings?: BindingCall[];
  /** Requests the attempt made through the network gate, in order (absent when none). */
  requests?: RequestRecord[];
}

/** The fields every call view has. */
export interface CallViewBase {
  name: string;
  count: number;
  /** Restart generation the call belongs to (0 until the first restart). */
  generation: number;
  /** Run that first executed the call. */
  run: number;
  startSeq: number;
  startedAt: number;
  endedAt: number | null;
  /** Runs that journaled something for this call (executed or continued it), in order. */
  runs: number[];
  /** The code stopped issuing this call (a divergence); it will never finish. */
  orphaned: boolean;
}

/** A `step.do` call. `retrying` = waiting for the retry delay. */
export interface StepView extends CallViewBase {
  kind: 'do';
  config: ResolvedStepConfig;
  status: 'running' | 'retrying' | 'succeeded' | 'failed';
  attempts: AttemptView[];
  result: Json | null;
  error: SerializedError | null;
}

/** A `sleep` / `sleepUntil` call. */
export interface SleepView extends CallViewBase {
  kind: 'sleep';
  until: number;
  durationMs: number;
  status: 'sleeping' | 'finished';
  skipped: boolean;
}

/** A `waitForEvent` call. */
export interface WaitView extends CallViewBase {
  kind: 'wait';
  eventType: string;
  timeoutAt: number;
  timeoutMs: number;
  status: 'waiting' | 'received' | 'timed-out';
  event: ReceivedEvent | null;
  eventSeq: number | null;
  error: SerializedError | null;
}

/** Any journaled call. */
export type CallView = StepView | SleepView | WaitView;

/** An event sent to the instance. */
export interface SentEventView {
  seq: number;
  type: string;
  payload: Json;
  timestamp: number;
  consumedBy: CallRef | null;
  /** Dropped unconsumed by a restart. */
  dropped: boolean;
}

/** How a run ended; `crashed` = the engine died (a later run started without an end event). */
export type RunEnd = 'finished' | 'errored' | 'evicted' | 'paused' | 'terminated' | 'restarted' | 'crashed';

/** A divergence between a replayed run and the journal. */
export interface DivergenceView {
  run: number;
  seq: number;
  expected: CallRef;
  got: CallRef | null;
  missing: CallRef[];
}

/**
 * A piece of `run()`'s own output (outside steps), as journaled by one `run-output` event. `afterReplayed` and
 * `afterExecuted` place it among the run's calls: how many of `replayed` and `executed` came before it.
 */
export interface RunOutputView {
  seq: number;
  at: number;
  text: string;
  afterReplayed: number;
  afterExecuted: number;
}

/** One run: a history lane. `executed` = calls it journaled, `replayed` = calls served from the journal. */
export interface RunView {
  run: number;
  generation: number;
  reason: RunReason;
  startSeq: number;
  startedAt: number;
  endedAt: number | null;
  end: RunEnd | null;
  executed: CallRef[];
  replayed: CallRef[];
  /** What `run()` printed outside steps in this run, in order. */
  output: RunOutputView[];
  divergence: DivergenceView | null;
}

/** The next timer the instance waits for, if it is waiting on one. */
export interface PendingWake {
  at: number;
  kind: WakeKind;
  call: CallRef;
}

/** Everything derived from one instance's journal. */
export interface InstanceView {
  id: string;
  workflowName: string;
  params: Json;
  createdAt: number;
  updatedAt: number;
  lastSeq: number;
  status: InstanceStatus;
  output: Json | null;
  /** `{name, message}` of the error, with `cause` (e.g. the unhandled NonRetryableError) and traceback. */
  error: SerializedError | null;
  generation: number;
  /** The current generation's `step.do` calls, in start order. */
  steps: StepView[];
  /** Every call of every generation, in start order. */
  calls: CallView[];
  runs: RunView[];
  divergences: DivergenceView[];
  events: SentEventView[];
  pendingWake: PendingWake | undefined;
  pausedAt: number | null;
}
