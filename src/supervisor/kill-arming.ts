import type { KillPoint, WorkerInput } from '../protocol';
import type { WorkerState } from './types';

/** The restart reason for a crash injection that fired (the worker's `self-kill`, at `at`). */
export function selfKillReason(at: KillPoint | undefined): string {
  return at === 'after-call'
    ? 'crash injection: the executor was killed inside a step attempt, right after its binding call or request'
    : 'crash injection: the executor was killed just before a step attempt';
}

/**
 * The ready state once the worker answered `input`, if it arms or disarms a crash injection
 * (`kill-at-next-step` / `disarm-kill`); `undefined` for any other input. A new worker starts unarmed (its state
 * is a new `ready`), and a fired kill replaces the worker.
 */
export function armedState(
  input: WorkerInput,
  ready: Extract<WorkerState, { status: 'ready' }>,
): WorkerState | undefined {
  if (input.type !== 'kill-at-next-step' && input.type !== 'disarm-kill') return undefined;
  const { killAt: _, ...rest } = ready;
  if (input.type === 'disarm-kill') return { ...rest, killArmed: false };
  return input.at === undefined ? { ...rest, killArmed: true } : { ...rest, killArmed: true, killAt: input.at };
}
