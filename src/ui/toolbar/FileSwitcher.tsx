import { useRef } from 'react';
import { appStore, selectActiveFileId, useAppStore } from '../../store';
import { errorText } from '../actions/run-workflow';
import { getFilesController } from '../files/files';
import { openPythonFile } from '../files/open-python-file';
import { useFiles } from '../files/useFiles';

const openFile = (id: string) =>
  getFilesController()
    .open(id)
    .catch((e) =>
      appStore.getState().notify({ tone: 'error', title: 'Could not open the file', detail: errorText(e) }),
    );

/** Opens a picked `.py` file as a new studio file (PEP 263 decoding; a refusal is a notice). */
const openFromDisk = (input: HTMLInputElement) => {
  const picked = input.files?.[0];
  input.value = ''; // picking the same file again fires change again
  if (!picked) return;
  const notify = appStore.getState().notify;
  void openPythonFile(picked, { create: (name, source) => getFilesController().create(name, source), notify }).catch(
    (e) => notify({ tone: 'error', title: `Could not open ${picked.name}`, detail: errorText(e) }),
  );
};

const open = (dialog: 'new-file' | 'rename-file' | 'delete-file') => () => appStore.getState().openDialog(dialog);

/** Which workflow file is open, and new / rename / delete (compact icon buttons with names). */
export function FileSwitcher() {
  const files = useFiles();
  const activeId = useAppStore(selectActiveFileId);
  const picker = useRef<HTMLInputElement>(null);
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
        onClick={() => picker.current?.click()}
        title="Open a .py file from your disk as a new file"
        aria-label="Open a .py file"
      >
        ⇡
      </button>
      <input
        ref={picker}
        type="file"
        accept=".py,text/x-python"
        hidden
        data-testid="open-py-file"
        onChange={(e) => openFromDisk(e.currentTarget)}
      />
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
