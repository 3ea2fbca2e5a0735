/**
 * Which instance actions are legal now, and why not when they are not. Derived from the instance's status
 * (as its journal says) with the engine's rules and, where the engine has one, its own wording — so a
 * disabled button tells the user exactly what the engine would have answered.
 */
import { FINITE_STATUSES, type InstanceView } from '../../engine';
import type { ExecutorState } from '../client/studio-client';
import { currentCalls } from '../data/current-calls';
import { bootPhaseText } from '../status/boot-phase';

/** The actions of the toolbar that act on the selected instance. */
export type InstanceAction =
  | 'pause'
  | 'resume'
  | 'terminate'
  | 'restart'
  | 'restart-from'
  | 'send-event'
  | 'skip-wait'
  | 'delete';

/** Legal, or not with the reason shown in the tooltip. */
export type Legality = { ok: true } | { ok: false; reason: string };

const OK: Legality = { ok: true };
const no = (reason: string): Legality => ({ ok: false, reason });

/**
 * Why actions that need Python cannot be used now, or null when they can. While Python boots (seconds on a
 * first visit) they are disabled with what the boot is doing; a restarting executor queues requests instead
 * (it was ready a moment ago and comes back warm).
 */
export function executorBlocker(state: ExecutorState | null): string | null {
  if (state === null) return 'The executor is not connected to this page yet.';
  if (state.status === 'starting')
    return `Python is starting (${bootPhaseText(state.phase)}): this is enabled once Python is ready.`;
  if (state.status === 'failed') return `The executor failed: ${state.error.name}: ${state.error.message}`;
  return null;
}

/** Whether `action` is legal on `view` (the selected instance, null when none). */
export function instanceActionLegality(action: InstanceAction, view: InstanceView | null): Legality {
  if (view === null) return no('Select an instance in the list first.');
  const { status } = view;
  const finite = FINITE_STATUSES.includes(status);
  switch (action) {
    case 'pause':
      if (status === 'running' || status === 'waiting') return OK;
      if (status === 'paused') return no('The instance is already paused.');
      if (status === 'waitingForPause')
        return no('The instance is already pausing: it pauses when the step in flight ends.');
      return no(`Only a running or waiting instance can be paused; this one is ${status}.`);
    case 'resume':
      if (status === 'paused' || status === 'waitingForPause') return OK;
      return no(`Only a paused instance can be resumed; this one is ${status}.`);
    case 'terminate':
      return finite ? no('Cannot terminate instance since its on a finite state') : OK;
    case 'restart':
      return OK;
    case 'restart-from':
      return currentCalls(view).length > 0
        ? OK
        : no('No step has run in this instance yet: there is nothing to restart from.');
    case 'send-event':
      return finite ? no(`Cannot send an event to a workflow instance in the finite state "${status}"`) : OK;
    case 'skip-wait':
      if (status === 'paused') return no('The instance is paused: resume it first.');
      if (!view.pendingWake) {
        return no('Nothing to skip: the instance is not sleeping, waiting to retry, or waiting for an event.');
      }
      return OK;
    case 'delete':
      return OK;
  }
}

/** Event types the instance is waiting for right now (unanswered waits of the current generation). */
export function awaitedEventTypes(view: InstanceView | null): string[] {
  if (!view) return [];
  const types = currentCalls(view)
    .filter((c) => c.kind === 'wait' && c.status === 'waiting' && !c.orphaned)
    .map((c) => (c.kind === 'wait' ? c.eventType : ''));
  return [...new Set(types)];
}
