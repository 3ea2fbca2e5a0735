import { type DirectAction, performAction } from '../actions/instance-actions';
import { executorBlocker, type InstanceAction, instanceActionLegality, type Legality } from '../actions/legality';
import { useClient, useClientState } from '../client/useClient';
import { readOnlyReason } from '../cloudflare/read-only-words';
import { useCloudflareRecord } from '../cloudflare/useCloudflareImports';
import { useLiveInstance, useSelectedInstance } from '../data/SelectedInstanceProvider';

/**
 * Legality of every toolbar action for the selected instance (live, whatever the scrubber shows), the handler
 * of the direct ones, and the state shown (`shown`: at the scrubber's event while time travelling).
 */
export function useToolbarActions() {
  const client = useClient();
  const state = useClientState(client);
  const instance = useLiveInstance();
  const shown = useSelectedInstance();
  const view = instance.status === 'ready' ? instance.view : null;
  const blocker = executorBlocker(client ? state : null);
  // Imported from Cloudflare, or a replay's copy: nothing but delete acts on it (the executor refuses the rest too).
  const record = useCloudflareRecord(view?.id ?? null);
  // Its history cut short (a truncated output): the journal has no run end, so show Cloudflare's status.
  const cloudflareStatus = record?.stop ? record.status : null;
  const legality = (action: InstanceAction | 'run'): Legality => {
    if (blocker) return { ok: false, reason: blocker };
    if (action === 'run') return { ok: true };
    if (instance.status === 'loading') return { ok: false, reason: 'Reading the instance’s journal…' };
    if (record && action !== 'delete') return { ok: false, reason: readOnlyReason(record) };
    return instanceActionLegality(action, view);
  };
  const act = (action: DirectAction) => {
    if (client && view && legality(action).ok) void performAction(client, action, view.id);
  };
  return { view, instance, shown, legality, act, cloudflareStatus };
}
