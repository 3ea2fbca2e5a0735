import { useClient, useClientState } from '../client/useClient';
import { useNow } from '../hooks/useNow';
import { bootPhaseText } from '../status/boot-phase';
import { formatSeconds } from '../status/describe-executor';

/**
 * Beside Run: why the actions that need Python are disabled — "Python is starting… 2.1 s · loading Pyodide"
 * while it boots, or that it failed to start (the error in full is in the status bar and the tooltips).
 * Nothing once Python is ready (or restarting: requests then wait for it).
 */
export function PythonWait() {
  const state = useClientState(useClient());
  const starting = state?.status === 'starting';
  const now = useNow(starting, 100);
  if (state?.status === 'starting') {
    return (
      <span className="toolbar__python-wait" data-testid="python-wait" data-phase={state.phase}>
        Python is starting… <span className="toolbar__python-time">{formatSeconds(now - state.since)}</span> ·{' '}
        {bootPhaseText(state.phase)}
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
