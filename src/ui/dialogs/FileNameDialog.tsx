import { useState } from 'react';
import { fileNameProblem } from '../../persistence';
import { appStore, selectActiveFileId, useAppStore } from '../../store';
import { errorText } from '../actions/run-workflow';
import { newFileName } from '../files/file-names';
import { getFilesController } from '../files/files';
import { useFiles } from '../files/useFiles';
import { CancelButton, Dialog } from './Dialog';

const BLANK = `from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def first_step():
            return "Hello World!"

        return await first_step()
`;

/** New file (with a minimal workflow) or rename the open file; the name is checked as you type. */
export function FileNameDialog({ mode }: { mode: 'new' | 'rename' }) {
  const files = useFiles() ?? [];
  const activeId = useAppStore(selectActiveFileId);
  const current = files.find((f) => f.id === activeId);
  const others = files.filter((f) => mode === 'new' || f.id !== activeId).map((f) => f.name);
  const [name, setName] = useState(() => (mode === 'rename' ? (current?.name ?? '') : newFileName(others)));
  const [error, setError] = useState<string | null>(null);
  const problem = fileNameProblem(name, others);
  const submit = async () => {
    if (problem) return;
    try {
      if (mode === 'new') await getFilesController().createNamed(name, BLANK);
      else if (activeId) await getFilesController().rename(activeId, name);
      appStore.getState().closeDialog();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Dialog
      title={mode === 'new' ? 'New workflow file' : `Rename ${current?.name ?? 'file'}`}
      testId="file-name-dialog"
      onSubmit={() => void submit()}
      footer={
        <>
          <CancelButton />
          <button type="submit" className="button button--primary" aria-disabled={problem !== null}>
            {mode === 'new' ? 'Create' : 'Rename'}
          </button>
        </>
      }
    >
      <label className="field">
        <span className="field__label">File name</span>
        <input
          type="text"
          value={name}
          spellCheck={false}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setError(null);
          }}
          aria-invalid={problem !== null}
          autoFocus
        />
      </label>
      {(problem ?? error) && (
        <p className="field__error" role="alert">
          {problem ?? error}
        </p>
      )}
    </Dialog>
  );
}
