/**
 * Stopping an attempt that keeps Python busy: what the person did (or what happened to the page), its code in
 * the interrupt buffer's `reason` word ({@link INTERRUPT}), and the error the attempt is journaled with — one
 * wording, whether the worker journals it after an interrupt or the next executor journals it after a kill.
 */

/** Why a busy attempt was stopped. Its code in the `reason` word is its index + 1 (0 means a timeout). */
export const STOP_ACTIONS = ['stop-attempt', 'terminate', 'pause', 'delete', 'kill', 'reload', 'restart'] as const;
export type StopAction = (typeof STOP_ACTIONS)[number];

/** The name of the error a stopped attempt is journaled with (retried per its step's config, like any error). */
export const ATTEMPT_STOPPED = 'AttemptStoppedError';

/** The code of `action` in the interrupt buffer's `reason` word. */
export function stopReasonCode(action: StopAction): number {
  return STOP_ACTIONS.indexOf(action) + 1;
}

/** The action a `reason` word holds; `undefined` for 0 (a timeout) or an unknown code. */
export function stopActionOf(code: number): StopAction | undefined {
  return STOP_ACTIONS[code - 1];
}

const WHY: Record<Exclude<StopAction, 'restart'>, string> = {
  'stop-attempt': 'the user stopped it ("Stop attempt")',
  terminate: 'the instance was terminated ("Terminate")',
  pause: 'the instance was paused ("Pause")',
  delete: 'the instance was deleted ("Delete")',
  kill: 'the executor was killed ("Kill now")',
  reload: 'the page was reloaded or closed while it kept Python busy',
};

/**
 * The error of an attempt stopped after `busyMs`. `restart`: the executor was restarted to carry out `detail`
 * (e.g. `terminate instance b-2`), which stopped this attempt too.
 */
export function stoppedAttemptError(
  action: StopAction,
  busyMs: number,
  detail = 'carry out a command',
): { name: string; message: string } {
  const why = action === 'restart' ? `the executor was restarted to ${detail}` : WHY[action];
  const seconds = (Math.max(0, busyMs) / 1000).toFixed(1);
  return { name: ATTEMPT_STOPPED, message: `Attempt stopped after ${seconds} s: ${why}.` };
}

/** The attempt keeping the executor busy, as the status bar and the graph name it. */
export interface BusyAttempt {
  instanceId: string;
  stepName: string;
  attempt: number;
}

/** The name of the error an instance is journaled with when its `run()` held Python as its executor was ended. */
export const RUN_STOPPED = 'RunStoppedError';

const WHY_RUN: Partial<Record<StopAction, string>> = {
  kill: 'by "Kill now"',
  reload: 'when the page was reloaded or closed',
};

/**
 * The error of an instance whose own code outside any step kept Python busy `busyMs` when its executor was
 * ended for `action`; `restart`: to carry out `detail` (e.g. `terminate instance b-2`).
 */
export function stoppedRunError(
  action: StopAction,
  busyMs: number,
  detail = 'carry out a command',
): { name: string; message: string } {
  const why = WHY_RUN[action] ?? `when the executor was restarted to ${detail}`;
  const seconds = (Math.max(0, busyMs) / 1000).toFixed(1);
  return { name: RUN_STOPPED, message: `run() kept Python busy ${seconds} s outside any step and was stopped ${why}.` };
}
