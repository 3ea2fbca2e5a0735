/**
 * The one way React reaches the executor: main.tsx provides the tab's studio client through
 * {@link StudioClientContext}; components read it with {@link useClient} and its state with
 * {@link useClientState} (docs/studio-client.md).
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ExecutorState, StudioClient } from './studio-client';

/** Provides the tab's one studio client, created at startup in main.tsx. */
export const StudioClientContext = createContext<StudioClient | null>(null);

/** The tab's executor client (main.tsx provides it), or null where none is provided (a component rendered alone). */
export function useClient(): StudioClient | null {
  return useContext(StudioClientContext);
}

const noClient = () => () => {};
const noState = () => null;

/** The executor's state (re-rendering on change), or null without a client. */
export function useClientState(client: StudioClient | null): ExecutorState | null {
  return useSyncExternalStore(client?.subscribe ?? noClient, client?.getState ?? noState);
}
