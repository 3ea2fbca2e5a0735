import { useEffect, useState } from 'react';
import type { ExecutorState } from '../client/studio-client';
import { useClient, useClientState } from '../client/useClient';

/** However the boot goes, Monaco does not wait longer than this (a slow warm start on a loaded machine). */
export const MONACO_AT_THE_LATEST_MS = 3_000;

/**
 * Whether Monaco may load now. Parsing its 3.9 MB competes with Python's boot for the CPU, and a warm start
 * (Python restored from its IndexedDB snapshot) lasts about a second — about as long as Monaco takes to load
 * — so while the boot is on its way to a warm start (database, snapshot lookup and restore) Monaco waits for
 * it. A cold start (`loading-python`) takes seconds: Monaco loads at once, so the user can edit meanwhile.
 */
export function monacoMayLoad(state: ExecutorState | null): boolean {
  if (state === null || state.status !== 'starting') return true;
  return state.phase === 'loading-python' || state.phase === 'installing-sdk';
}

/** `monacoMayLoad` for this tab's executor, sticky once true, and true after `MONACO_AT_THE_LATEST_MS`. */
export function useMonacoGate(): boolean {
  const client = useClient();
  const state = useClientState(client);
  const [open, setOpen] = useState(() => monacoMayLoad(client ? state : null));
  const now = monacoMayLoad(client ? state : null);
  useEffect(() => {
    if (now) setOpen(true);
  }, [now]);
  useEffect(() => {
    const timer = setTimeout(() => setOpen(true), MONACO_AT_THE_LATEST_MS);
    return () => clearTimeout(timer);
  }, []);
  return open || now;
}
