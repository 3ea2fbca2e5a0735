import { CloudflareImportSection } from '../cloudflare/CloudflareImportSection';
import { CancelButton, Dialog } from '../dialogs/Dialog';
import { formatDateTime } from '../format';
import { STATUS_TEXT } from '../instances/instance-rows';
import { useImportDialog } from './useImportDialog';

/** Import an exported journal file (docs/journal-format.md) as an instance of this studio. */
export function ImportJournalDialog() {
  const d = useImportDialog();
  const ok = d.picked && !('error' in d.picked) ? d.picked : null;
  return (
    <Dialog
      title="Import a journal or Cloudflare instances"
      testId="import-dialog"
      onSubmit={() => void d.submit()}
      footer={
        <>
          <CancelButton />
          <button
            type="submit"
            className="button button--primary"
            aria-disabled={!d.canImport || d.busy}
            data-testid="import-submit"
          >
            Import
          </button>
        </>
      }
    >
      <p className="dialog__note">
        A <code>.journal.json</code> file exported from Workflow Studio. Its events become an instance here: inspect its
        history, scrub through it, restart it. An unfinished instance resumes with the loaded code of its workflow. Or
        the JSON of instances that ran on Cloudflare (one file or several, or a list): they become read-only instances
        you can replay against your code. You can also drop files on the instance list.
      </p>
      <label className="field">
        <span className="field__label">Journal file, or Cloudflare instance JSON</span>
        <input
          type="file"
          multiple
          accept=".json,application/json"
          onChange={(e) => void d.pick([...(e.currentTarget.files ?? [])])}
          data-testid="import-file"
          autoFocus
        />
      </label>
      {d.dropped && (
        <p className="dialog__note" data-testid="import-dropped">
          Dropped: {d.dropped.join(', ')}
        </p>
      )}
      {d.mode === 'cloudflare' && <CloudflareImportSection c={d.cloudflare} />}
      {d.picked && 'error' in d.picked && (
        <p className="field__error" role="alert" data-testid="import-error">
          {d.picked.error} Nothing was imported.
        </p>
      )}
      {ok && (
        <div className="import-summary" data-testid="import-summary">
          <p>
            <strong>{ok.file.instance.id}</strong> · {ok.file.instance.workflowName} ·{' '}
            {STATUS_TEXT[ok.file.instance.status]} · {ok.file.events.length} events · {ok.file.instance.runs} runs ·
            created {formatDateTime(ok.file.instance.createdAt)}
          </p>
          {ok.file.source && (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={d.openSource}
                onChange={(e) => d.setOpenSource(e.currentTarget.checked)}
                data-testid="import-open-source"
              />{' '}
              Open its workflow source ({ok.file.source.name}) in the editor, so the graph shows the instance
            </label>
          )}
          {ok.clash && (
            <label className="field">
              <span className="field__label">An instance “{ok.file.instance.id}” already exists here. Import as:</span>
              <input
                type="text"
                value={d.id}
                spellCheck={false}
                onChange={(e) => d.setId(e.currentTarget.value)}
                data-testid="import-id"
              />
            </label>
          )}
        </div>
      )}
      {d.error && (
        <p className="field__error" role="alert" data-testid="import-error">
          {d.error}
        </p>
      )}
    </Dialog>
  );
}
