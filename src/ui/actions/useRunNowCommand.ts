import { useEffect } from 'react';
import { appStore, selectRunNowNonce, useAppStore } from '../../store';
import { useClient } from '../client/useClient';
import { executorBlocker } from './legality';
import { parseParams } from './run-params';
import { loadLastRun } from './run-settings';
import { useRunner } from './useRunner';

/** Carries out Ctrl/Cmd+Enter: run the open file again with the params last used for it (new id). */
export function useRunNowCommand(): void {
  const nonce = useAppStore(selectRunNowNonce);
  const run = useRunner();
  const client = useClient();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new nonce is the request; `run` changing is not
  useEffect(() => {
    if (nonce === 0) return;
    const s = appStore.getState();
    const fileId = s.activeFileId;
    if (fileId === null || s.dialog !== null) return;
    // Ctrl/Cmd+Enter in the editor while Python boots: say so rather than run later, unasked.
    const blocker = executorBlocker(client ? client.getState() : null);
    if (blocker) {
      s.notify({ tone: 'info', title: 'Python is not ready', detail: blocker });
      return;
    }
    void (async () => {
      const last = await loadLastRun(fileId);
      const params = parseParams(last.params);
      if (!params.ok) {
        s.openDialog('run');
        return;
      }
      const outcome = await run({ params: params.value, workflowName: last.workflowName ?? undefined });
      if (!outcome.ok) s.notify({ tone: 'error', title: outcome.failure.title, detail: outcome.failure.message });
    })();
  }, [nonce]);
}
