import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';

/**
 * One journaled call, as the engine names it: kind, name and 1-based count of that name in a run; and, when
 * known, its restart generation (after a restart the same name and count can be journaled once per generation).
 */
export interface CallSelection {
  kind: 'do' | 'sleep' | 'wait';
  name: string;
  count: number;
  generation?: number;
}

/**
 * What the inspector shows: a plan node (and, when an instance ran it, one of its calls), or an event sent to
 * the selected instance (by its journal `seq`).
 */
export type Selection =
  | { type: 'node'; nodeId: string; call: CallSelection | null }
  | { type: 'call'; call: CallSelection }
  | { type: 'event'; seq: number };

/** What the inspector pane shows: the selected instance's summary, or the selected step, call or event. */
export type InspectorTab = 'instance' | 'selection';

/** What the user has selected; the graph, history and inspector panes all follow it. */
export interface SelectionSlice {
  selectedInstanceId: string | null;
  selection: Selection | null;
  /** Selecting an instance shows its summary; selecting a step, call or event shows that. */
  inspectorTab: InspectorTab;
  showInspectorTab(tab: InspectorTab): void;
  /** Selects an instance; the step selection is kept, so switching instances compares the same step. */
  selectInstance(id: string | null): void;
  select(selection: Selection | null): void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selectedInstanceId: null,
  selection: null,
  inspectorTab: 'instance',
  showInspectorTab: (inspectorTab) => set({ inspectorTab }),
  selectInstance: (selectedInstanceId) =>
    set((s) => ({
      selectedInstanceId,
      selection: s.selection?.type === 'event' ? null : s.selection,
      inspectorTab: selectedInstanceId === null ? s.inspectorTab : 'instance',
    })),
  select: (selection) => set((s) => ({ selection, inspectorTab: selection === null ? s.inspectorTab : 'selection' })),
});
