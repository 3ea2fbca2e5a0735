import { useContext, useSyncExternalStore } from 'react';
import { StudioClientContext } from '../hooks/useStudioClient';
import type { ExecutorState, StudioClient } from './studio-client';

/** The tab's executor client (main.tsx provides it), or null where none is provided (tests, benchmarks). */
export function useClient(): StudioClient | null {
  return useContext(StudioClientContext);
}

const noClient = () => () => {};
const noState = () => null;

/** The executor's state (re-rendering on change), or null without a client. */
export function useClientState(client: StudioClient | null): ExecutorState | null {
  return useSyncExternalStore(client?.subscribe ?? noClient, client?.getState ?? noState);
}
