import { useState } from 'react';
import { appStore, selectActiveFileId, useAppStore } from '../../store';
import { errorText } from '../actions/run-workflow';
import { getFilesController } from '../files/files';
import { useFiles } from '../files/useFiles';
import { CancelButton, Dialog } from './Dialog';

/** Confirms deleting the open file (its instances and their journals stay). */
export function DeleteFileDialog() {
  const activeId = useAppStore(selectActiveFileId);
  const file = useFiles()?.find((f) => f.id === activeId);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!activeId) return;
    try {
      await getFilesController().remove(activeId);
      appStore.getState().closeDialog();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Dialog
      title={`Delete ${file?.name ?? 'file'}?`}
      testId="delete-file-dialog"
      onSubmit={() => void submit()}
      footer={
        <>
          <CancelButton />
          <button type="submit" className="button button--danger">
            Delete file
          </button>
        </>
      }
    >
      <p>The file is removed from this browser. Instances created from it keep their journals and stay in the list.</p>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
