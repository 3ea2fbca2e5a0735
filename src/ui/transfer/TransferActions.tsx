import { appStore } from '../../store';
import { useExportAll } from './useJournalExport';

const openImport = () => appStore.getState().openDialog('import-journal');

/** Import a journal file; export every instance's journal as one zip. */
export function TransferActions() {
  const exportAll = useExportAll();
  return (
    <>
      <button
        type="button"
        className="pane-button"
        onClick={openImport}
        title="Import an exported journal (.journal.json)"
        data-testid="open-import"
      >
        Import…
      </button>
      <button
        type="button"
        className="pane-button"
        onClick={exportAll}
        title="Download every instance's journal as a zip of .journal.json files"
        data-testid="export-all"
      >
        Export all
      </button>
    </>
  );
}
