import { appStore } from '../../store';
import { useClient } from '../client/useClient';
import { getFilesController } from '../files/files';
import { storedMocks } from '../mocks/stored-mocks';
import { saveAndLoad } from './run-workflow';

/**
 * "Load code": saves the open file and loads it into Python without starting an instance, so the instances
 * of this file that are sleeping or waiting replay with the edited code when they wake — the way to try a
 * code change on a workflow in flight (and to meet a divergence).
 */
export function useLoadCode(): () => void {
  const client = useClient();
  return () => {
    if (!client) return;
    void (async () => {
      const outcome = await saveAndLoad({
        client,
        saveOpenFile: () => getFilesController().flush(),
        mocksOf: storedMocks,
      });
      const s = appStore.getState();
      if (!outcome.ok) {
        s.notify({ tone: 'error', title: outcome.failure.title, detail: outcome.failure.message });
        return;
      }
      s.notify({
        tone: 'info',
        title: `Loaded ${outcome.file.name} (v${outcome.file.version}) into Python`,
        detail: 'Its unfinished instances replay with this code from their next run.',
      });
    })();
  };
}
