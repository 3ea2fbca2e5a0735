import { useEffect } from 'react';
import { appStore } from '../../store';
import { useClient } from '../client/useClient';
import { noticeTitle } from './notice-title';

/** Shows the executor's own notices (storage full, executor restarted, Python interrupted…) as studio notices. */
export function useExecutorNotices(): void {
  const client = useClient();
  useEffect(
    () =>
      client?.onNotice((n) =>
        appStore.getState().notify({ tone: n.level, title: noticeTitle(n.name), detail: n.message }),
      ),
    [client],
  );
}
