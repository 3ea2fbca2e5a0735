import { useEffect, useState } from 'react';
import { useClient, useClientState } from '../client/useClient';
import { MONACO_AT_THE_LATEST_MS, monacoMayLoad } from '../status/boot-phase';

/**
 * Whether Monaco may load now (`monacoMayLoad`: not while Python restores its snapshot, at the latest
 * MONACO_AT_THE_LATEST_MS after navigation); once true it stays true. Without a client (a pane rendered alone) at once.
 */
export function useMonacoMayLoad(): boolean {
  const client = useClient();
  const state = useClientState(client);
  const [late, setLate] = useState(() => performance.now() >= MONACO_AT_THE_LATEST_MS);
  const [allowed, setAllowed] = useState(false);
  const now = !state || late || monacoMayLoad(state, performance.now());
  useEffect(() => {
    if (now) setAllowed(true);
  }, [now]);
  useEffect(() => {
    if (late) return;
    const timer = setTimeout(() => setLate(true), MONACO_AT_THE_LATEST_MS - performance.now());
    return () => clearTimeout(timer);
  }, [late]);
  return allowed || now;
}
