import { type DirectAction, performAction } from '../actions/instance-actions';
import { executorBlocker, type InstanceAction, instanceActionLegality, type Legality } from '../actions/legality';
import { useClient, useClientState } from '../client/useClient';
import { useSelectedInstance } from '../data/SelectedInstanceProvider';

/** Legality of every toolbar action for the selected instance, and the handler of the direct ones. */
export function useToolbarActions() {
  const client = useClient();
  const state = useClientState(client);
  const instance = useSelectedInstance();
  const view = instance.status === 'ready' ? instance.view : null;
  const blocker = executorBlocker(client ? state : null);
  const legality = (action: InstanceAction | 'run'): Legality => {
    if (blocker) return { ok: false, reason: blocker };
    if (action === 'run') return { ok: true };
    if (instance.status === 'loading') return { ok: false, reason: 'Reading the instance’s journal…' };
    return instanceActionLegality(action, view);
  };
  const act = (action: DirectAction) => {
    if (client && view && legality(action).ok) void performAction(client, action, view.id);
  };
  return { view, instance, legality, act };
}
