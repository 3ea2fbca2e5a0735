/**
 * The static analysis of the open file, kept current as the user types: re-analysed after a short quiet time
 * (switching files analyses at once). One feed serves the editor's squiggles and the graph, so both always
 * show the same plan. It listens to the store only while it has listeners itself, so a feed nobody watches
 * holds no subscription (safe under React's StrictMode double effects). `PlanProvider` wires it to React.
 */
import type { StoreApi } from 'zustand/vanilla';
import { createWorkflowAnalyzer, type WorkflowPlan } from '../../analysis';
import type { AppState } from '../../store';

/** The plan of the open file and how long the last analysis took. */
export interface PlanSnapshot {
  plan: WorkflowPlan;
  source: string;
  fileId: string | null;
  analysisMs: number;
}

/** An external store of {@link PlanSnapshot}s (fits `useSyncExternalStore`). */
export interface PlanFeed {
  getSnapshot(): PlanSnapshot;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

/** Dependencies of {@link createPlanFeed}. */
export interface PlanFeedDeps {
  store: StoreApi<AppState>;
  debounceMs: number;
  now(): number;
  setTimer(cb: () => void, ms: number): () => void;
}

export function createPlanFeed(deps: PlanFeedDeps): PlanFeed {
  const analyzer = createWorkflowAnalyzer();
  const listeners = new Set<() => void>();
  let cancelTimer: (() => void) | null = null;
  let unsubscribeStore: (() => void) | null = null;

  const analyze = (): PlanSnapshot => {
    const { source, activeFileId } = deps.store.getState();
    const start = deps.now();
    const plan = analyzer.analyze(source);
    return { plan, source, fileId: activeFileId, analysisMs: deps.now() - start };
  };

  /** None until first asked for: the page's first render (the editor alone) analyses nothing. */
  let snapshot: PlanSnapshot | null = null;
  /** Brings the snapshot up to the store; true when the plan (or the file) changed. */
  const sync = (): boolean => {
    cancelTimer?.();
    cancelTimer = null;
    const { source, activeFileId } = deps.store.getState();
    if (!snapshot) {
      snapshot = analyze();
      return false; // nobody has seen an older one
    }
    if (source === snapshot.source && activeFileId === snapshot.fileId) return false;
    const next = analyze();
    const changed = next.plan !== snapshot.plan || next.fileId !== snapshot.fileId;
    snapshot = changed ? next : { ...snapshot, source: next.source };
    return changed;
  };
  const publish = () => {
    if (sync()) for (const l of listeners) l();
  };

  const onStore = (state: AppState, prev: AppState) => {
    if (state.source === prev.source && state.activeFileId === prev.activeFileId) return;
    cancelTimer?.();
    if (state.activeFileId !== prev.activeFileId) publish();
    else cancelTimer = deps.setTimer(publish, deps.debounceMs);
  };

  const stop = () => {
    cancelTimer?.();
    cancelTimer = null;
    unsubscribeStore?.();
    unsubscribeStore = null;
  };

  return {
    getSnapshot() {
      if (!unsubscribeStore || !snapshot) sync();
      return snapshot as PlanSnapshot;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!unsubscribeStore) {
        unsubscribeStore = deps.store.subscribe(onStore);
        publish();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
    dispose() {
      stop();
      listeners.clear();
      analyzer.dispose();
    },
  };
}
