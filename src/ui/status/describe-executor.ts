import type { SnapshotUse } from '../../protocol';
import type { BusyState, ExecutorState } from '../../supervisor';
import { type BootPhase, bootPhaseText } from './boot-phase';

/**
 * What the status bar shows for an executor state. `live` is the part that ticks (not announced); `phase` what
 * the boot is doing now (announced when it changes).
 */
export interface ExecutorStatusView {
  tone: 'busy' | 'ok' | 'error';
  text: string;
  live?: string;
  phase?: string;
  detail?: string;
}

/** Seconds with one decimal: 4812 → "4.8 s". */
export const formatSeconds = (ms: number): string => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;

/** How Python started, in words: the shipped snapshot is named, since a first visit is "warm" only thanks to it. */
function startKind(snapshot: SnapshotUse | undefined, warm: boolean): string {
  if (snapshot === 'shipped') return 'start from the shipped snapshot';
  return warm ? 'warm start' : 'cold start';
}

/** Why a start that could have used a snapshot did not. */
function snapshotNote(snapshot: SnapshotUse | undefined): string {
  return snapshot === 'shipped-failed' ? '; the snapshot shipped with the studio could not be used' : '';
}

/** Describes the executor for a person; `now` is on the same clock as `state.since`. */
export function describeExecutor(state: ExecutorState, now: number): ExecutorStatusView {
  switch (state.status) {
    case 'starting':
      return {
        tone: 'busy',
        text: 'Python is starting…',
        live: formatSeconds(now - state.since),
        phase: bootPhaseText(state.phase),
      };
    case 'ready': {
      const { pyodideVersion, pythonVersion, loadMs } = state.python;
      const where = state.role === 'follower' ? 'Runs in another tab · ' : '';
      const detail = `${where}Python ${pythonVersion} · Pyodide ${pyodideVersion} · loadPyodide ${formatSeconds(loadMs)}`;
      // Not "ready" while code that does not await holds it: the busy indicator beside says where.
      if (state.busy) return { tone: 'busy', text: 'Python busy', detail };
      return {
        tone: 'ok',
        text: `Python ready (${startKind(state.python.snapshot, state.warm)} ${formatSeconds(state.coldStartMs)}${snapshotNote(state.python.snapshot)})`,
        detail,
      };
    }
    case 'restarting':
      return {
        tone: 'busy',
        text: `Python restarting… (${state.reason})`,
        live: formatSeconds(now - state.since),
        ...(state.phase ? { phase: bootPhaseText(state.phase) } : {}),
      };
    case 'failed':
      return { tone: 'error', text: `Python failed to start — ${state.error.name}: ${state.error.message}` };
  }
}

/**
 * The one plain line the page shows until the UI renders (main.tsx), in the status bar's words. `shown` is the
 * phase it showed last: within a start the line never goes back to an earlier phase, nor, once Python is ready
 * and the UI is still loading, back to "starting the executor worker" (the ready state has no phase).
 */
export function startingLine(state: ExecutorState, now: number, shown: BootPhase): { text: string; phase: BootPhase } {
  // A restart is a new start: its phases begin again.
  const phase =
    state.status === 'starting' ? (state.phase ?? shown) : state.status === 'restarting' ? state.phase : shown;
  if (state.status === 'starting') {
    return { text: `Python is starting… ${formatSeconds(now - state.since)} · ${bootPhaseText(phase)}`, phase };
  }
  const view = describeExecutor(state, now);
  const live = view.live ? ` ${view.live}` : '';
  const step = state.status === 'ready' ? ' · opening the studio' : view.phase ? ` · ${view.phase}` : '';
  return { text: `${view.text}${live}${step}`, phase };
}

/** "busy 12 s in charge_card": how long Python has been held without awaiting, and where. */
export function busyText(busy: BusyState, now: number): string {
  const seconds = Math.max(0, Math.floor((now - busy.since) / 1000));
  if (busy.run) {
    return `Python busy ${seconds} s outside any step: run() of ${busy.run.instanceId}`;
  }
  if (!busy.attempt) return `Python busy ${seconds} s outside any step (in run(), at import or in a callback)`;
  const { stepName, attempt, instanceId } = busy.attempt;
  return `busy ${seconds} s in ${stepName} (attempt ${attempt} of ${instanceId})`;
}
