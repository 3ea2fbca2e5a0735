import { useMemo } from 'react';
import { appStore, selectTravelSeq, useAppStore } from '../../store';
import { useLiveInstance } from '../data/SelectedInstanceProvider';
import { type ScrubberModel, scrubberModel, travelFor } from './scrubber-model';

/** The scrubber of the selected instance (null without a journal) and its actions. */
export function useTimeScrubber(): {
  model: ScrubberModel | null;
  moveTo(value: number): void;
  goLive(): void;
} {
  const live = useLiveInstance();
  const travelSeq = useAppStore(selectTravelSeq);
  const events = live.status === 'ready' ? live.events : null;
  const model = useMemo(() => (events ? scrubberModel(events, travelSeq) : null), [events, travelSeq]);
  const id = live.status === 'ready' ? live.view.id : null;
  const lastSeq = model?.lastSeq ?? 0;
  return {
    model,
    moveTo: (value) => {
      if (id !== null) appStore.getState().travelTo(travelFor(id, value, lastSeq));
    },
    goLive: () => appStore.getState().travelTo(null),
  };
}
