import { appStore, selectActiveFileId, useAppStore } from '../../store';
import { errorText } from '../actions/run-workflow';
import { getFilesController } from '../files/files';
import { useFiles } from '../files/useFiles';

const openFile = (id: string) =>
  getFilesController()
    .open(id)
    .catch((e) =>
      appStore.getState().notify({ tone: 'error', title: 'Could not open the file', detail: errorText(e) }),
    );

const open = (dialog: 'new-file' | 'rename-file' | 'delete-file') => () => appStore.getState().openDialog(dialog);

/** Which workflow file is open, and new / rename / delete (compact icon buttons with names). */
export function FileSwitcher() {
  const files = useFiles();
  const activeId = useAppStore(selectActiveFileId);
  return (
    <fieldset className="toolbar__group">
      <legend className="visually-hidden">Workflow files</legend>
      <select
        className="file-select"
        aria-label="Open workflow file"
        value={activeId ?? ''}
        onChange={(e) => void openFile(e.currentTarget.value)}
        disabled={!files}
        data-testid="file-select"
      >
        {!files && <option value="">loading files…</option>}
        {files?.map((f) => (
          <option key={f.id} value={f.id}>
            {f.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="tool-button tool-button--icon"
        onClick={open('new-file')}
        title="New file"
        aria-label="New file"
      >
        +
      </button>
      <button
        type="button"
        className="tool-button tool-button--icon"
        onClick={open('rename-file')}
        title="Rename the open file"
        aria-label="Rename file"
        disabled={!activeId}
      >
        ✎
      </button>
      <button
        type="button"
        className="tool-button tool-button--icon"
        onClick={open('delete-file')}
        title="Delete the open file"
        aria-label="Delete file"
        disabled={!activeId}
      >
        ✕
      </button>
    </fieldset>
  );
}
