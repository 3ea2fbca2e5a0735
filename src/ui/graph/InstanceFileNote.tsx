import type { InstanceView } from '../../engine';
import { appStore } from '../../store';
import { errorText } from '../actions/run-workflow';
import { getFilesController } from '../files/files';
import { useFiles } from '../files/useFiles';
import { useInstanceFile } from './useInstanceFile';

const open = (id: string) =>
  void getFilesController()
    .open(id)
    .catch((e: unknown) =>
      appStore.getState().notify({ tone: 'error', title: 'Could not open the file', detail: errorText(e) }),
    );

/**
 * The selected instance's workflow is not in the open file: say which file it runs (with a button to open it),
 * or that it has none (an imported journal without its source), with a picker to open the file that has it.
 */
export function InstanceFileNote({ view }: { view: InstanceView }) {
  const file = useInstanceFile(view.id);
  const files = useFiles();
  if (file.status === 'loading') return null;
  if (file.status === 'linked') {
    return (
      <p className="note note--warn" data-testid="instance-file-note">
        Instance {view.id} runs workflow “{view.workflowName}” of {file.name}, not of the open file.{' '}
        <button type="button" className="note__action" onClick={() => open(file.fileId)}>
          Open {file.name}
        </button>
      </p>
    );
  }
  return (
    <p className="note note--warn" data-testid="instance-file-note">
      {file.status === 'none'
        ? `Imported journal: instance ${view.id} has no source file here`
        : `Instance ${view.id} ran from a file that was deleted`}{' '}
      — open or pick the file of workflow “{view.workflowName}” to see its graph:{' '}
      <select
        className="note__picker"
        aria-label={`Open the file of workflow ${view.workflowName}`}
        value=""
        onChange={(e) => e.currentTarget.value && open(e.currentTarget.value)}
        data-testid="instance-file-picker"
      >
        <option value="">{files === undefined ? 'reading files…' : 'pick a file…'}</option>
        {files?.map((f) => (
          <option key={f.id} value={f.id}>
            {f.name}
          </option>
        ))}
      </select>
    </p>
  );
}
