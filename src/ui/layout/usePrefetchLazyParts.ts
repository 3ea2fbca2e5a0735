import { useEffect } from 'react';
import { useClient, useClientState } from '../client/useClient';
import { prefetchDialogs } from '../dialogs/DialogHost';
import { loadMocksPanel, loadMonaco } from '../editor/EditorPane';
import { useMonacoMayLoad } from '../editor/useMonacoMayLoad';
import { loadProjectShare } from '../share/useProjectShare';
import { loadCloudflarePanel } from '../summary/InstanceSummary';
import { loadJournalExport } from '../transfer/useJournalExport';
import { loadLearnPane } from './Workbench';

/**
 * The parts kept out of the first render (lazy dialogs and panels, the share, export and mocks code) are fetched
 * ahead of use once the start is over: Python has started (or failed to), Monaco's chunk has loaded, and the page
 * is idle, so they take no CPU from Python's boot; opening one later shows it at once rather than its loading line.
 */
export function usePrefetchLazyParts(): void {
  const monacoMayLoad = useMonacoMayLoad();
  const state = useClientState(useClient());
  const mayLoad = monacoMayLoad && state?.status !== 'starting';
  useEffect(() => {
    if (!mayLoad) return;
    let cancelIdle: (() => void) | undefined;
    let cancelled = false;
    void loadMonaco()
      .catch(() => undefined) // the editor pane says so; prefetch what it can
      .then(() => {
        if (!cancelled) cancelIdle = whenIdle(prefetch);
      });
    return () => {
      cancelled = true;
      cancelIdle?.();
    };
  }, [mayLoad]);
}

function prefetch(): void {
  // Each part's own loader (beside its lazy() or first use), so this list names no module of its own.
  // A failure here shows when the part is opened (LazyPart) or used (a notice), not now.
  Promise.all([
    prefetchDialogs(),
    loadLearnPane(),
    loadMocksPanel(),
    loadCloudflarePanel(),
    loadProjectShare(),
    loadJournalExport(),
  ]).catch(() => undefined);
}

/** Runs `run` when the page is idle (within 5 s); where `requestIdleCallback` is missing (Safari), after 1 s. */
function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 5_000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 1_000);
  return () => clearTimeout(id);
}
