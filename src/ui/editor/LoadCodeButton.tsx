import { executorBlocker } from '../actions/legality';
import { useLoadCode } from '../actions/useLoadCode';
import { useClient, useClientState } from '../client/useClient';

const HINT =
  'Load this file into Python without starting an instance: its sleeping and waiting instances replay with the edited code when they wake (as a deploy does on Cloudflare)';

/** Loads the edited file into Python without starting an instance (instances in flight replay with it). */
export function LoadCodeButton() {
  const loadCode = useLoadCode();
  const client = useClient();
  const state = useClientState(client);
  const blocker = executorBlocker(client ? state : null);
  return (
    <button
      type="button"
      className="pane-button"
      onClick={blocker ? undefined : loadCode}
      aria-disabled={blocker !== null}
      title={blocker ?? HINT}
      data-testid="action-load-code"
    >
      ⟳ Load
    </button>
  );
}
