/**
 * The journal events that fail an attempt the supervisor stopped by ending its executor (Kill now, a page
 * reload, a restart to apply Terminate/Delete/Pause, a step past its timeout that ignored the interrupt, crash
 * injection inside an attempt): written by the next executor before it resumes anything, so recovery never walks
 * straight back into the runaway code, and the attempt counts toward its retry limit.
 */
import { type JournalEvent, messages, parseDuration, retryDelayMs } from '../engine';
import type { StoppedAttempt } from '../protocol';
import { stoppedStart } from './stopped-start';

/**
 * What to append to `journal` for `stopped`: its `attempt-failed` (retried after the step's configured delay
 * while its retry limit allows, like any failed attempt; at once when `lost`), with the calls it made, and, when that was its last attempt, `step-failed`.
 * Empty when the attempt is not the step's last one still running (it ended after all, or the instance did).
 */
export function stoppedAttemptEvents(
  journal: readonly JournalEvent[],
  stopped: StoppedAttempt,
  now: number,
  wall: number,
): JournalEvent[] {
  const start = stoppedStart(journal, now);
  if (!start) return [];
  const { last, at } = start;
  const step = start.view.steps.find((s) => {
    const a = s.attempts.at(-1);
    return s.name === stopped.stepName && a?.attempt === stopped.attempt && a.outcome === 'running';
  });
  if (!step) return [];
  const { instanceId } = stopped;
  const error = stopped.lost
    ? { name: 'WorkflowInternalError', message: messages.attemptLost() }
    : stopped.error
      ? { name: stopped.error.name, message: stopped.error.message }
      : { name: 'WorkflowTimeoutError', message: messages.stepTimeout(parseDuration(step.config.timeout)) };
  const retry = stopped.attempt <= step.config.retries.limit;
  const base = { instanceId, at, wall, name: step.name, count: step.count };
  // A lost attempt is retried at once, as the engine's recovery retries one (step-runner.ts).
  const delay = stopped.lost ? 0 : retryDelayMs(step.config, stopped.attempt);
  const failed: JournalEvent = {
    ...base,
    seq: last.seq + 1,
    type: 'attempt-failed',
    attempt: stopped.attempt,
    error,
    retryAt: retry ? base.at + delay : null,
    logs: [],
    ...(stopped.bindings?.length ? { bindings: stopped.bindings } : {}),
    ...(stopped.requests?.length ? { requests: stopped.requests } : {}),
  };
  if (retry) return [failed];
  return [failed, { ...base, seq: last.seq + 2, type: 'step-failed', error }];
}
