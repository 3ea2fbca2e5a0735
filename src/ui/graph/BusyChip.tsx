import { selectSelectedInstanceId, useAppStore } from '../../store';
import { useClient, useClientState } from '../client/useClient';
import { useNow } from '../hooks/useNow';

/** On the graph node of the step whose attempt keeps Python busy (of the selected instance): "busy 12 s", live. */
export function BusyChip({ name }: { name: string }) {
  const state = useClientState(useClient());
  const selected = useAppStore(selectSelectedInstanceId);
  const busy = state?.status === 'ready' ? state.busy : undefined;
  const here = busy?.attempt?.instanceId === selected && busy?.attempt?.stepName === name ? busy : undefined;
  const now = useNow(here !== undefined, 250);
  if (!here) return null;
  const seconds = Math.max(0, Math.floor((now - here.since) / 1000));
  return (
    <span
      className="chip chip--busy"
      data-testid="node-busy"
      title="This attempt has kept Python busy without awaiting: Stop attempt or Terminate in the status bar"
    >
      busy {seconds} s
    </span>
  );
}
