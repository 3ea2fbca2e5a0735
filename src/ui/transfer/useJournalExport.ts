import { appStore } from '../../store';
import { errorText } from '../actions/run-workflow';
import { studioDb } from '../data/studio-db';
import { download } from './download';

/** The journal file code (with the export module's schemas and zip) is a chunk of its own, loaded when first used. */
export const loadJournalExport = () => import('./journal-export');

const notify = (title: string, detail?: string, tone: 'info' | 'error' = 'info'): void => {
  appStore.getState().notify({ tone, title, ...(detail ? { detail } : {}) });
};

/** Downloads instance `id`'s journal file. */
export async function downloadJournal(id: string): Promise<void> {
  try {
    const { exportJournal } = await loadJournalExport();
    const exported = await exportJournal(studioDb, id, new Date().toISOString());
    if (!exported) {
      notify(`No journal for ${id}`, 'It was deleted.', 'error');
      return;
    }
    download(exported.name, exported.text, 'application/json');
  } catch (e) {
    notify(`Could not export ${id}`, errorText(e), 'error');
  }
}

/** The "Export all" handler: every journal in one zip. */
export function useExportAll(): () => void {
  return () =>
    void (async () => {
      try {
        const { exportAllJournals } = await loadJournalExport();
        const zip = await exportAllJournals(studioDb, new Date().toISOString());
        if (zip.count === 0) return notify('Nothing to export', 'There are no instances yet.');
        download(zip.name, zip.bytes, 'application/zip');
        notify(`Exported ${zip.count} journal${zip.count === 1 ? '' : 's'}`, zip.name);
      } catch (e) {
        notify('Could not export the journals', errorText(e), 'error');
      }
    })();
}
