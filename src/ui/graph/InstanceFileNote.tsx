import { useMemo } from 'react';
import { analyzeWorkflow } from '../../analysis';
import type { InstanceView } from '../../engine';
import type { WorkflowFile } from '../../persistence';
import { appStore } from '../../store';
import { linkInstanceFile } from '../actions/instance-actions';
import { errorText } from '../actions/run-workflow';
import type { StudioClient } from '../client/studio-client';
import { useClient } from '../client/useClient';
import { getFilesController } from '../files/files';
import { useFiles } from '../files/useFiles';
import { workflowNameOf } from './pick-workflow';
import { useInstanceFile } from './useInstanceFile';

const open = (id: string) =>
  getFilesController()
    .open(id)
    .catch((e: unknown) =>
      appStore.getState().notify({ tone: 'error', title: 'Could not open the file', detail: errorText(e) }),
    );

/** Links the instance to the picked file (for good: its next runs use that file's code), then opens the file. */
async function link(client: StudioClient | null, view: InstanceView, fileId: string): Promise<void> {
  const problem = client ? await linkInstanceFile(client, view.id, fileId) : null;
  if (problem) {
    appStore
      .getState()
      .notify({ tone: 'error', title: `Could not link instance ${view.id} to the file`, detail: problem });
    return;
  }
  await open(fileId);
}

/** Per file, the workflow names its newest seen version defines (static analysis), so re-renders do not re-parse. */
const definedBy = new Map<string, { version: number; names: Set<string> }>();
function workflowsOf(f: WorkflowFile): Set<string> {
  const known = definedBy.get(f.id);
  if (known?.version === f.version) return known.names;
  const names = new Set(analyzeWorkflow(f.source).workflows.map((w) => workflowNameOf(w.className)));
  definedBy.set(f.id, { version: f.version, names });
  return names;
}

/** The files whose code defines workflow `name`, and the others. */
function splitFiles(files: WorkflowFile[], name: string): { defining: WorkflowFile[]; others: WorkflowFile[] } {
  const defining: WorkflowFile[] = [];
  const others: WorkflowFile[] = [];
  for (const f of files) (workflowsOf(f).has(name) ? defining : others).push(f);
  return { defining, others };
}

/**
 * The selected instance's workflow is not in the open file: say which file it runs (with a button to open it),
 * or that it has none (an imported journal without its source) or lost it (deleted), with a picker that links
 * it to a file — the files defining its workflow first — and opens that file.
 */
export function InstanceFileNote({ view }: { view: InstanceView }) {
  const file = useInstanceFile(view.id);
  const files = useFiles();
  const client = useClient();
  const split = useMemo(() => (files ? splitFiles(files, view.workflowName) : undefined), [files, view.workflowName]);
  if (file.status === 'loading') return null;
  if (file.status === 'linked') {
    return (
      <p className="note note--warn" data-testid="instance-file-note">
        Instance {view.id} runs workflow “{view.workflowName}” of {file.name}, not of the open file.{' '}
        <button type="button" className="note__action" onClick={() => void open(file.fileId)}>
          Open {file.name}
        </button>
      </p>
    );
  }
  const option = (f: WorkflowFile) => (
    <option key={f.id} value={f.id}>
      {f.name}
    </option>
  );
  return (
    <p className="note note--warn" data-testid="instance-file-note">
      {file.status === 'none'
        ? `Imported journal: instance ${view.id} has no source file here`
        : `Instance ${view.id} ran from a file that was deleted`}{' '}
      — link it to the file of workflow “{view.workflowName}”; it runs that file’s code from then on:{' '}
      <select
        className="note__picker"
        aria-label={`Link instance ${view.id} to the file of workflow ${view.workflowName}`}
        value=""
        onChange={(e) => e.currentTarget.value && void link(client, view, e.currentTarget.value)}
        data-testid="instance-file-picker"
      >
        <option value="">{split === undefined ? 'reading files…' : 'pick a file…'}</option>
        {split && split.defining.length > 0 && (
          <optgroup label={`Define “${view.workflowName}”`}>{split.defining.map(option)}</optgroup>
        )}
        {split && split.others.length > 0 && (
          <optgroup label={split.defining.length > 0 ? 'Other files' : `No file defines “${view.workflowName}”`}>
            {split.others.map(option)}
          </optgroup>
        )}
      </select>
    </p>
  );
}
