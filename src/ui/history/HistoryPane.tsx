import { selectSelectedInstanceId, useAppStore } from '../../store';
import { readOnlyHistoryNote, readOnlyReason } from '../cloudflare/read-only-words';
import { useCloudflareRecord } from '../cloudflare/useCloudflareImports';
import { useLiveInstance } from '../data/SelectedInstanceProvider';
import { EmptyState } from '../layout/EmptyState';
import { Loading } from '../layout/Loading';
import { Pane } from '../layout/Pane';
import { downloadJournal } from '../transfer/useJournalExport';
import { CrashControls } from './CrashControls';
import { HistoryReadOnly } from './history-read-only';
import { ReplayNotes } from './ReplayNotes';
import { TimeScrubber } from './TimeScrubber';
import { useZoomKeys } from './useHistoryZoom';
import { Waterfall } from './Waterfall';

/**
 * The selected instance's history: a lane per run of `run()` (replayed vs executed calls, attempts on a
 * compressed time axis), a scrubber for time travel, crash injection and the journal's export.
 */
export function HistoryPane() {
  const selected = useAppStore(selectSelectedInstanceId);
  const instance = useLiveInstance();
  const onZoomKey = useZoomKeys();
  const cloudflare = useCloudflareRecord(instance.status === 'ready' ? instance.view.id : null);
  const actions = (
    <>
      {instance.status === 'ready' && (
        <button
          type="button"
          className="pane-button"
          onClick={() => void downloadJournal(instance.view.id)}
          title="Download this instance's journal (.journal.json, docs/journal-format.md)"
          data-testid="export-journal"
        >
          Export
        </button>
      )}
      <CrashControls />
    </>
  );
  if (instance.status !== 'ready') {
    return (
      <Pane title="History" actions={actions}>
        {selected === null ? (
          <EmptyState title="Select an instance">
            Its journal appears here: one lane per run of run(), the steps it replayed from the journal and the ones it
            executed, and a scrubber to travel back in time.
          </EmptyState>
        ) : instance.status === 'loading' ? (
          <Loading what={`Reading the journal of ${selected} from IndexedDB`} />
        ) : (
          <EmptyState title={`No journal for ${selected}`}>It was deleted, or it has not been written yet.</EmptyState>
        )}
      </Pane>
    );
  }
  return (
    <Pane title={`History · ${instance.view.id}`} label="History" actions={actions} flush>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: keys bubbling from the scrubber, rows and list. */}
      <div className={cloudflare ? 'history history--readonly' : 'history'} onKeyDown={onZoomKey}>
        {cloudflare && (
          <p className="history__note" data-testid="history-cloudflare-note">
            {readOnlyHistoryNote(cloudflare)}
          </p>
        )}
        {cloudflare?.stop && (
          <p className="history__note history__note--stop" data-testid="history-cloudflare-stop">
            ⚠ The history stops here: {cloudflare.stop.message}.
          </p>
        )}
        <TimeScrubber />
        <ReplayNotes view={instance.view} />
        <HistoryReadOnly.Provider value={cloudflare ? readOnlyReason(cloudflare) : null}>
          <Waterfall />
        </HistoryReadOnly.Provider>
      </div>
    </Pane>
  );
}
