/**
 * Between tabs (BroadcastChannel): followers forward commands to the leader, which executes them and
 * broadcasts its executor state and notices.
 */
import type { KillPoint, StudioCommand } from './host-to-worker';
import type { BusyAttempt } from './stop-actions';
import type { BootProgress, NoticeText, PythonReady, WorkerResult } from './worker-to-host';

/** Crash injection from any tab: the leader terminates its executor worker now. */
export interface KillExecutor {
  type: 'kill-executor';
}

/** Fail the attempt of instance `id` that keeps the leader's executor busy ("Stop attempt"). */
export interface StopAttempt {
  type: 'stop-attempt';
  id: string;
}

/** A command a follower tab forwards to the leader tab. */
export type ForwardedCommand = StudioCommand | KillExecutor | StopAttempt;

/**
 * The one definition of the executor worker's state. `Time` says when the state began: `{ since }` on one
 * tab's `performance.now()` clock (the supervisor's `WorkerState`, the tab's `ExecutorState`), or
 * `{ elapsedMs }`, an age, between tabs (each tab has its own clock).
 */
export type ExecutorStatus<Time> =
  | ({ status: 'starting'; phase?: BootProgress['phase'] } & Time)
  | ({
      status: 'ready';
      coldStartMs: number;
      warm: boolean;
      python: PythonReady;
      /** A `kill-at-next-step` is armed in the worker and has neither fired nor been disarmed. */
      killArmed?: boolean;
      /** Where the armed kill fires (with `killArmed`; absent: `before-attempt`). */
      killAt?: KillPoint;
      /** Python has kept the executor busy without awaiting since `Time` (a step or code that does not await). */
      busy?: { attempt?: BusyAttempt; run?: { instanceId: string } } & Time;
    } & Time)
  | ({ status: 'restarting'; reason: string; phase?: BootProgress['phase'] } & Time)
  | ({ status: 'failed'; error: { name: string; message: string } } & Time);

/** The leader's executor state, with ages instead of clock times (each tab has its own `performance.now`). */
export type SharedExecutorState = ExecutorStatus<{ elapsedMs: number }>;

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
  notice: NoticeText;
}

/** Every message between tabs. */
export type TabMessage = TabHello | LeaderState | TabCommand | TabResult | TabNotice;
