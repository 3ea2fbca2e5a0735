import { useEffect } from 'react';
import { useClient, useClientState } from '../client/useClient';
import { prefetchDialogs } from '../dialogs/DialogHost';
import { useMonacoMayLoad } from '../editor/useMonacoMayLoad';

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
    void import('../editor/MonacoEditor')
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
  // A failure here shows when the part is opened (LazyPart) or used (a notice), not now.
  Promise.all([
    prefetchDialogs(),
    import('../learn/LearnPane'),
    import('../mocks/MocksPanel'),
    import('../cloudflare/CloudflarePanel'),
    import('../share/project-share'),
    import('../transfer/journal-export'),
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
