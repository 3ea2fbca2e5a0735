import { useClient, useClientState } from '../client/useClient';
import { useNow } from '../hooks/useNow';
import { BusyPython } from './BusyPython';
import { describeExecutor } from './describe-executor';
import { KillArmed } from './KillArmed';

/** The bottom bar: what the Python executor is doing. */
export function StatusBar() {
  const state = useClientState(useClient());
  const now = useNow(state?.status === 'starting' || state?.status === 'restarting');
  if (!state) return null;
  const view = describeExecutor(state, now);
  return (
    <footer className="status-bar">
      <span
        className={`status status--${view.tone}`}
        role="status"
        data-testid="executor-status"
        data-status={state.status}
        data-phase={state.status === 'starting' ? state.phase : undefined}
      >
        <span className="status__dot" aria-hidden="true" />
        {view.text}
        {view.live && <span aria-hidden="true"> {view.live}</span>}
        {view.phase && <span className="status__phase"> · {view.phase}</span>}
      </span>
      {state.status === 'ready' && state.busy && <BusyPython busy={state.busy} />}
      {state.status === 'ready' && state.killArmed && <KillArmed />}
      {view.detail && <span className="status-bar__detail">{view.detail}</span>}
    </footer>
  );
}
