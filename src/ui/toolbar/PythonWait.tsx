import { useClient, useClientState } from '../client/useClient';
import { useNow } from '../hooks/useNow';
import { bootPhaseText } from '../status/boot-phase';
import { formatSeconds } from '../status/describe-executor';

/**
 * Beside Run: why the actions that need Python are disabled — "Python starting… 2.1 s" (the boot phase in its tooltip)
 * while it boots, or that it failed to start (the error in full is in the status bar and the tooltips).
 * Nothing once Python is ready (or restarting: requests then wait for it).
 */
export function PythonWait() {
  const state = useClientState(useClient());
  const starting = state?.status === 'starting';
  const now = useNow(starting, 100);
  if (state?.status === 'starting') {
    return (
      // Short, so the toolbar keeps every button at 1440 px; the phase is in the tooltip and the status bar.
      <span
        className="toolbar__python-wait"
        data-testid="python-wait"
        data-phase={state.phase}
        title={`Python is starting: ${bootPhaseText(state.phase)}. Run and the instance actions are enabled once it is ready.`}
      >
        Python starting… <span className="toolbar__python-time">{formatSeconds(now - state.since)}</span>
      </span>
    );
  }
  if (state?.status === 'failed') {
    return (
      <span
        className="toolbar__python-wait toolbar__python-wait--failed"
        data-testid="python-wait"
        title={`${state.error.name}: ${state.error.message}`}
      >
        Python failed to start
      </span>
    );
  }
  return null;
}
