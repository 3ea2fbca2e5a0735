/**
 * The journal: per instance, an append-only list of events. Status, step results and every view are derived
 * from it by `reduceJournal`. Events carry `instanceId`, a 1-based per-instance `seq`, the clock time `at` and
 * the wall time `wall` (both ms epoch). Call events name their call by (`name`, `count`), the 1-based
 * occurrence of that name among calls of the same kind in a run.
 */
import type { SerializedError } from './errors';
import type { Json } from './json';
import type { RequestRecord } from './mocks';
import type { ResolvedStepConfig } from './step-config';

/** The kinds of workflow call the journal records and replays. */
export type CallKind = 'do' | 'sleep' | 'wait';

/** One call of a run: its kind, its name and its count (occurrence of that name for that kind). */
export interface CallRef {
  kind: CallKind;
  name: string;
  count: number;
}

/** Why a run (one execution of `run()` from the top) started. */
export type RunReason = 'create' | 'wake' | 'event' | 'resume' | 'restart' | 'recover' | 'skip';

/** Why a run started, in one word: the studio's history lanes and the CLI's report say it alike. */
export const RUN_REASON_WORDS: Readonly<Record<RunReason, string>> = {
  create: 'created',
  wake: 'woke',
  event: 'event',
  resume: 'resumed',
  restart: 'restarted',
  recover: 'recovered',
  skip: 'skipped wait',
};

/** What a pending wake waits for: a sleep's end, a retry delay, or an event wait's timeout. */
export type WakeKind = 'sleep' | 'retry' | 'wait-timeout';

/** Fields every journal event has. */
export interface EventBase {
  instanceId: string;
  seq: number;
  at: number;
  wall: number;
}

interface CallEventBase extends EventBase {
  name: string;
  count: number;
}

/** The instance exists; `params` becomes `event.payload`, `at` its `event.timestamp`. */
export interface InstanceCreatedEvent extends EventBase {
  type: 'instance-created';
  workflowName: string;
  params: Json;
}
/** A run (replay number `run`, 1-based over the instance's life) began executing `run()` from the top. */
export interface RunStartedEvent extends EventBase {
  type: 'run-started';
  run: number;
  reason: RunReason;
}
/** `run()` returned: the instance is complete. */
export interface RunFinishedEvent extends EventBase {
  type: 'run-finished';
  run: number;
  output: Json;
}
/** `run()` threw, or the engine ended it fatally: the instance errored. */
export interface RunErroredEvent extends EventBase {
  type: 'run-errored';
  run: number;
  error: SerializedError;
}
/** The run was blocked only on timers or waits and was ended; `wakeAt` is when it will be woken. */
export interface RunEvictedEvent extends EventBase {
  type: 'run-evicted';
  run: number;
  wakeAt: number | null;
}
/** Calls this run served from the journal without executing them (written with the run's next event). */
export interface CallsReplayedEvent extends EventBase {
  type: 'calls-replayed';
  run: number;
  calls: CallRef[];
}
/**
 * Output (Python `print()`) of `run()` outside any step, in the order the run made it: written with the run's
 * next event, so it sits between the calls it came between. At most 64 KiB per run (`output-cap.ts`).
 */
export interface RunOutputEvent extends EventBase {
  type: 'run-output';
  run: number;
  text: string;
}
/** The run's calls differed from what the journal held: `expected` was never re-issued; `got` came instead. */
export interface DivergenceDetectedEvent extends EventBase {
  type: 'divergence-detected';
  run: number;
  expected: CallRef;
  /** The first new call of the run, or `null` when the run ended without issuing one. */
  got: CallRef | null;
  /** Every journaled call the run did not re-issue (`expected` first); they are orphaned from now on. */
  missing: CallRef[];
}
/**
 * One `self.env` binding call made by a step attempt (journaled with the attempt's outcome): which binding,
 * the operation (`get`, `put`, `run`, …), what it touched (a key, a prefix, SQL text; at most 200 characters),
 * and the error message when it failed.
 */
export interface BindingCall {
  binding: string;
  op: string;
  target: string;
  ok: boolean;
  error?: string;
}
/** A `step.do` ran for the first time, with the config that wins on every replay. */
export interface StepStartedEvent extends CallEventBase {
  type: 'step-started';
  config: ResolvedStepConfig;
}
/** Attempt `attempt` (1-based) of a step began executing user code. */
export interface AttemptStartedEvent extends CallEventBase {
  type: 'attempt-started';
  attempt: number;
}
/** An attempt failed; `retryAt` is when the next attempt may start, `null` when there is none. */
export interface AttemptFailedEvent extends CallEventBase {
  type: 'attempt-failed';
  attempt: number;
  error: SerializedError;
  retryAt: number | null;
  logs: string[];
  /** The `self.env` binding calls the attempt made (KV, D1, R2), in order; absent when it made none. */
  bindings?: BindingCall[];
  /** Requests the attempt made through the network gate (absent when none; added in journal format 2). */
  requests?: RequestRecord[];
}
/** An attempt returned: its result is the step's cached result from now on. */
export interface StepSucceededEvent extends CallEventBase {
  type: 'step-succeeded';
  attempt: number;
  result: Json;
  logs: string[];
  /** The `self.env` binding calls the attempt made (KV, D1, R2), in order; absent when it made none. */
  bindings?: BindingCall[];
  /** Requests the attempt made through the network gate (absent when none). */
  requests?: RequestRecord[];
}
/** The step failed for good (retries exhausted, NonRetryableError, fatal): `error` is thrown on every replay. */
export interface StepFailedEvent extends CallEventBase {
  type: 'step-failed';
  error: SerializedError;
}
/** A sleep began; it ends at `until`. */
export interface SleepStartedEvent extends CallEventBase {
  type: 'sleep-started';
  until: number;
  durationMs: number;
}
/** A sleep ended. */
export interface SleepFinishedEvent extends CallEventBase {
  type: 'sleep-finished';
}
/** A `waitForEvent` began; it times out at `timeoutAt`. */
export interface WaitStartedEvent extends CallEventBase {
  type: 'wait-started';
  eventType: string;
  timeoutAt: number;
  timeoutMs: number;
}
/** A wait consumed the sent event journaled at `eventSeq`. */
export interface EventReceivedEvent extends CallEventBase {
  type: 'event-received';
  eventSeq: number;
}
/** A wait timed out; `error` is thrown on every replay. */
export interface WaitTimedOutEvent extends CallEventBase {
  type: 'wait-timed-out';
  error: SerializedError;
}
/** `sendEvent` was called: the event is queued per type (FIFO) until a wait for its type takes it. */
export interface EventBufferedEvent extends EventBase {
  type: 'event-buffered';
  eventType: string;
  payload: Json;
  timestamp: number;
  /**
   * Set when the file's mocks sent it (a scripted event): which one (`events[i]`), so a fresh executor knows it
   * was sent and never sends it twice. Absent for events sent by hand or by code.
   */
  scripted?: string;
}
/** The user skipped a pending sleep, retry delay or wait timeout: it is due at this event's `at`. */
export interface WakeSkippedEvent extends EventBase {
  type: 'wake-skipped';
  call: CallRef;
  wake: 'sleep' | 'retry' | 'wait-timeout';
}
/** `pause()` while attempts were in flight: the instance is `waitingForPause` until they end. */
export interface PauseRequestedEvent extends EventBase {
  type: 'pause-requested';
}
/** The instance is paused; its timers stop. */
export interface PausedEvent extends EventBase {
  type: 'paused';
}
/** `resume()`: pending timers move later by `pausedFor` ms (0 when a pending pause was cancelled). */
export interface ResumedEvent extends EventBase {
  type: 'resumed';
  pausedFor: number;
}
/** `terminate()`: the instance stopped for good. */
export interface TerminatedEvent extends EventBase {
  type: 'terminated';
}
/**
 * `restart()`: a new generation begins. Without `from` all calls are forgotten; with `from` the calls
 * started before it are kept. Sent events not yet consumed are dropped (as Cloudflare does).
 */
export interface RestartedEvent extends EventBase {
  type: 'restarted';
  from: CallRef | null;
}

/** Every kind of journal event: one discriminated union on `type`. */
export type JournalEvent =
  | InstanceCreatedEvent
  | RunStartedEvent
  | RunFinishedEvent
  | RunErroredEvent
  | RunEvictedEvent
  | CallsReplayedEvent
  | RunOutputEvent
  | DivergenceDetectedEvent
  | StepStartedEvent
  | AttemptStartedEvent
  | AttemptFailedEvent
  | StepSucceededEvent
  | StepFailedEvent
  | SleepStartedEvent
  | SleepFinishedEvent
  | WaitStartedEvent
  | EventReceivedEvent
  | WaitTimedOutEvent
  | EventBufferedEvent
  | WakeSkippedEvent
  | PauseRequestedEvent
  | PausedEvent
  | ResumedEvent
  | TerminatedEvent
  | RestartedEvent;

/** The `type` tags of {@link JournalEvent}. */
export type JournalEventType = JournalEvent['type'];

/** A journal event before the engine stamps `instanceId`, `seq`, `at` and `wall`. */
export type JournalEventDraft = JournalEvent extends infer E
  ? E extends JournalEvent
    ? Omit<E, keyof EventBase>
    : never
  : never;

/** The string key of a call, for maps. */
export function callKey(call: CallRef): string {
  return `${call.kind}\u0000${call.count}\u0000${call.name}`;
}
