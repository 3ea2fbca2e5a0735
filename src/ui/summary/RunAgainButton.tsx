import type { InstanceView } from '../../engine';
import { appStore } from '../../store';
import { getFilesController } from '../files/files';
import { useInstanceFile } from '../graph/useInstanceFile';

/** Python-readable JSON text of params for the Run dialog. */
export const paramsText = (params: InstanceView['params']) => JSON.stringify(params ?? {}, null, 2);

/**
 * "Run again…": opens the instance's file if another one is open, then the Run dialog prefilled with the
 * instance's workflow and params. An instance without a file (an imported journal) has nothing to run.
 */
export function RunAgainButton({ view }: { view: InstanceView }) {
  const file = useInstanceFile(view.id);
  const fileId = file.status === 'linked' ? file.fileId : null;
  const why =
    file.status === 'none'
      ? 'This instance has no file in the studio (an imported journal): open its source first.'
      : file.status === 'deleted'
        ? 'The file this instance ran was deleted.'
        : null;
  const runAgain = async () => {
    if (fileId === null) return;
    if (appStore.getState().activeFileId !== fileId) await getFilesController().open(fileId);
    appStore.getState().openRunAgain({
      instanceId: view.id,
      workflowName: view.workflowName,
      params: paramsText(view.params),
    });
  };
  return (
    <button
      type="button"
      className="button button--small instance-summary__again"
      aria-disabled={fileId === null}
      title={why ?? `Open the Run dialog with ${view.workflowName} and these params`}
      onClick={fileId === null ? undefined : () => void runAgain()}
      data-testid="run-again"
    >
      Run again…
    </button>
  );
}
