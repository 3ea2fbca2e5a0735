import { appStore } from '../../store';
import { saveLastRun } from '../actions/run-settings';
import { errorText } from '../actions/run-workflow';
import { filesRepo } from '../data/studio-db';
import { getFilesController } from '../files/files';
import type { Sample } from './index';

/** Opens a sample as a new file (a free name, never overwriting) with its params ready in the Run dialog. */
export async function openSample(sample: Sample): Promise<void> {
  const s = appStore.getState();
  try {
    const file = await getFilesController().create(sample.fileName, sample.source);
    await saveLastRun(file.id, { params: sample.params, id: '', workflowName: null });
    if (sample.mocks !== undefined) await filesRepo.saveMocks(file.id, sample.mocks);
    s.selectInstance(null);
    s.select(null);
    s.closeDialog();
    s.notify({ tone: 'info', title: `Opened “${sample.title}” as ${file.name}`, detail: sample.tryThis });
  } catch (e) {
    s.notify({ tone: 'error', title: `Could not open “${sample.title}”`, detail: errorText(e) });
  }
}
