import { appStore } from '../../store';
import { saveLastRun } from '../actions/run-settings';
import { errorText } from '../actions/run-workflow';
import { filesRepo } from '../data/studio-db';
import { getFilesController } from '../files/files';
import type { Sample } from './index';
import { testSourceFor } from './sample-tests';

/**
 * Opens a sample as a new file (a free name, never overwriting) with its params ready in the Run dialog; a sample
 * with tests brings its test file too (the workflow stays the open file).
 */
export async function openSample(sample: Sample): Promise<void> {
  const s = appStore.getState();
  try {
    const files = getFilesController();
    const file = await files.create(sample.fileName, sample.source);
    if (sample.env) await filesRepo.saveEnv(file.id, sample.env);
    const tests = testSourceFor(sample, file.name);
    if (sample.tests && tests !== undefined) {
      await files.create(sample.tests.fileName, tests);
      await files.open(file.id);
    }
    await saveLastRun(file.id, { params: sample.params, id: '', workflowName: null });
    if (sample.mocks !== undefined) await filesRepo.saveMocks(file.id, sample.mocks);
    s.selectInstance(null);
    s.select(null);
    s.closeDialog();
    const detail = sample.tests ? `${sample.tryThis} Its tests came with it: Tests → Run tests.` : sample.tryThis;
    s.notify({ tone: 'info', title: `Opened “${sample.title}” as ${file.name}`, detail });
  } catch (e) {
    s.notify({ tone: 'error', title: `Could not open “${sample.title}”`, detail: errorText(e) });
  }
}
