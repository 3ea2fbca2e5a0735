import { createContext, type ReactNode, useContext, useDeferredValue } from 'react';
import { selectSelectedInstanceId, selectTravelSeq, useAppStore } from '../../store';
import { type InstanceViewState, useInstanceView } from './useInstanceView';
import { useTravelView } from './useTravelView';

const SelectedInstanceContext = createContext<InstanceViewState>({ status: 'none' });
const LiveInstanceContext = createContext<InstanceViewState>({ status: 'none' });

/**
 * Reads the selected instance's journal once for every pane below, and derives what they show: its state
 * after the scrubber's event while time travelling (deferred, so dragging the scrubber stays responsive),
 * else its live state.
 */
export function SelectedInstanceProvider({ children }: { children: ReactNode }) {
  const id = useAppStore(selectSelectedInstanceId);
  const live = useInstanceView(id);
  const travelSeq = useAppStore(selectTravelSeq);
  const seq = useDeferredValue(travelSeq);
  const shown = useTravelView(live, seq);
  return (
    <LiveInstanceContext value={live}>
      <SelectedInstanceContext value={shown}>{children}</SelectedInstanceContext>
    </LiveInstanceContext>
  );
}

/** The selected instance as the panes show it: at the scrubber's event while time travelling, else live. */
export const useSelectedInstance = (): InstanceViewState => useContext(SelectedInstanceContext);

/** The selected instance's live state, whatever the scrubber shows: what actions act on. */
export const useLiveInstance = (): InstanceViewState => useContext(LiveInstanceContext);
