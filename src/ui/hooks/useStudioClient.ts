import { createContext, useContext } from 'react';
import type { StudioClient } from '../../supervisor';

/** Provides the tab's one studio client, created at startup in main.tsx (docs/studio-client.md). */
export const StudioClientContext = createContext<StudioClient | null>(null);

/** The studio client: drives the executor (load source, create, pause…); throws outside its provider. */
export function useStudioClient(): StudioClient {
  const client = useContext(StudioClientContext);
  if (!client) throw new Error('useStudioClient() needs a <StudioClientContext> above it');
  return client;
}
