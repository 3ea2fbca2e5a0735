import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';

/**
 * Time travel: the journal `seq` the graph, inspector, status and history show for one instance, instead of
 * its live state. Kept with the instance id, so selecting another instance shows it live.
 */
export interface TimeTravel {
  instanceId: string;
  seq: number;
}

/** How the history's time axis is drawn: idle gaps compressed (`compact`) or true time (`to-scale`). */
export type HistoryScale = 'compact' | 'to-scale';

/** The history pane's UI state: time travel, which lanes list their replayed calls one by one, the zoom, the scale. */
export interface HistorySlice {
  travel: TimeTravel | null;
  /** Shows instance `instanceId` as it was after event `seq`; `null` goes back to live. */
  travelTo(travel: TimeTravel | null): void;
  /** Runs (of the instance in `expandedFor`) whose replayed calls are listed. */
  expandedReplays: { instanceId: string; runs: number[] } | null;
  toggleReplays(instanceId: string, run: number): void;
  /** The zoom of instance `instanceId`'s time axis (1 = fits all); another instance is shown at 1. */
  historyZoom: { instanceId: string; zoom: number } | null;
  setHistoryZoom(instanceId: string, zoom: number): void;
  /** The time axis of every instance (a view setting, kept across instances and reloads). */
  historyScale: HistoryScale;
  setHistoryScale(scale: HistoryScale): void;
}

export const createHistorySlice: StateCreator<AppState, [], [], HistorySlice> = (set) => ({
  travel: null,
  travelTo: (travel) => set({ travel }),
  expandedReplays: null,
  historyZoom: null,
  historyScale: 'compact',
  setHistoryScale: (historyScale) => set({ historyScale }),
  setHistoryZoom: (instanceId, zoom) => set({ historyZoom: { instanceId, zoom } }),
  toggleReplays: (instanceId, run) =>
    set((s) => {
      const runs = s.expandedReplays?.instanceId === instanceId ? s.expandedReplays.runs : [];
      return {
        expandedReplays: {
          instanceId,
          runs: runs.includes(run) ? runs.filter((r) => r !== run) : [...runs, run],
        },
      };
    }),
});
