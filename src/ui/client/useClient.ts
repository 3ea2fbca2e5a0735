import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ClientExecutorState, StudioClient } from './studio-client';

/**
 * The executor client for the UI. The supervisor (issue 6) provides the real one; until it does, nothing
 * provides this context and every executor action says so in its tooltip.
 */
export const StudioClientContext = createContext<StudioClient | null>(null);

/** The executor client, or null while none is connected. */
export function useClient(): StudioClient | null {
  return useContext(StudioClientContext);
}

const noClient = () => () => {};
const noState = () => null;

/** The executor's state (re-rendering on change), or null without a client. */
export function useClientState(client: StudioClient | null): ClientExecutorState | null {
  return useSyncExternalStore(client?.subscribe ?? noClient, client?.getState ?? noState);
}
