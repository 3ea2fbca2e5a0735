import { useMemo, useState } from 'react';
import { createPrefixViews } from './prefix-views';
import type { InstanceViewState } from './useInstanceView';

/**
 * The instance as it was after event `seq` (time travel), or `live` itself when `seq` is null or not before
 * the journal's end. Views of visited positions are cached per mounted provider.
 */
export function useTravelView(live: InstanceViewState, seq: number | null): InstanceViewState {
  const [views] = useState(createPrefixViews);
  return useMemo(() => {
    if (live.status !== 'ready' || seq === null || seq >= live.events.length) return live;
    const view = views.viewAt(live.events, seq);
    return { ...live, view, travel: { seq: view.lastSeq, lastSeq: live.view.lastSeq } };
  }, [live, seq, views]);
}
