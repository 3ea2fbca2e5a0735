import { useSyncExternalStore } from 'react';
import type { ExecutorState } from '../../supervisor';
import { useSupervisor } from './useSupervisor';

/** The executor's state, re-rendering when the supervisor publishes a new one. */
export function useExecutorState(): ExecutorState {
  const supervisor = useSupervisor();
  return useSyncExternalStore(supervisor.subscribe, supervisor.getState);
}
