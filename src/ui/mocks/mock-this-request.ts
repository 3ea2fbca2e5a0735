/**
 * "Mock this request": one click on a blocked request in the inspector adds a prefilled HTTP rule (its method and
 * URL, status 200, an empty JSON body) to the mocks of the instance's file and opens that file's Mocks panel.
 */
import { appStore } from '../../store';
import { errorText } from '../actions/run-workflow';
import { filesRepo, studioDb } from '../data/studio-db';
import { getFilesController } from '../files/files';

/** Adds the rule for `method` `url` to the mocks of instance `instanceId`'s file (else the open file's). */
export async function mockThisRequest(instanceId: string, method: string, url: string): Promise<void> {
  const { notify } = appStore.getState();
  try {
    const linked = (await studioDb.instanceFiles.get(instanceId))?.fileId;
    const file = await filesRepo.get(linked ?? appStore.getState().activeFileId ?? '');
    if (!file) {
      notify({ tone: 'error', title: 'No file to add the mock to', detail: `Instance ${instanceId} has no file.` });
      return;
    }
    // The mocks code (with the export module's schemas) is a chunk of its own, loaded when first needed.
    const { addHttpMock } = await import('./mocks-text');
    const next = addHttpMock(file.mocks, method, url);
    if (next !== undefined) await filesRepo.saveMocks(file.id, next);
    if (appStore.getState().activeFileId !== file.id) await getFilesController().open(file.id);
    appStore.getState().setMocksOpen(true);
    if (next === undefined) {
      notify({
        tone: 'warning',
        title: `The mocks of ${file.name} are not a JSON object`,
        detail: `Fix them in the Mocks panel, then add {"method": "${method}", "url": "${url}"} to "http".`,
      });
    }
  } catch (e) {
    notify({ tone: 'error', title: 'The mock was not added', detail: errorText(e) });
  }
}
