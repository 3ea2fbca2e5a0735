import { createContext, type ReactNode, useContext } from 'react';
import { selectSelectedInstanceId, useAppStore } from '../../store';
import { type InstanceViewState, useInstanceView } from './useInstanceView';

const SelectedInstanceContext = createContext<InstanceViewState>({ status: 'none' });

/** Reads the selected instance's journal once for every pane below (graph, toolbar, inspector, history). */
export function SelectedInstanceProvider({ children }: { children: ReactNode }) {
  const id = useAppStore(selectSelectedInstanceId);
  const state = useInstanceView(id);
  return <SelectedInstanceContext value={state}>{children}</SelectedInstanceContext>;
}

/** The selected instance's view (derived from its journal), or why there is none. */
export const useSelectedInstance = (): InstanceViewState => useContext(SelectedInstanceContext);
