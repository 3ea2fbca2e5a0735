import { useEffect } from 'react';
import { appStore } from '../../store';
import { useClient } from '../client/useClient';

/** Shows the executor's own notices (storage full, executor restarted, Python interrupted…) as studio notices. */
export function useExecutorNotices(): void {
  const client = useClient();
  useEffect(
    () => client?.onNotice((n) => appStore.getState().notify({ tone: n.level, title: n.name, detail: n.message })),
    [client],
  );
}
