import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';
import starterWorkflow from './starter_workflow.py?raw';

/** The starter workflow a first visit opens with: two steps with a dependency, a sleep and `ctx`. */
export const STARTER_SOURCE = starterWorkflow;
/** The file name the starter workflow is saved under on a first visit. */
export const STARTER_FILE_NAME = 'order_workflow.py';

/** A request to show a place in the editor; `nonce` makes a repeated request to the same line count. */
export interface RevealRequest {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  nonce: number;
}

/** The workflow file open in the editor: which one, and its live (possibly not yet saved) text. */
export interface EditorSlice {
  /** Id of the open file in IndexedDB, or null before the files have loaded. */
  activeFileId: string | null;
  source: string;
  reveal: RevealRequest | null;
  /** Opens a file: the editor shows `source`, autosave writes to `fileId`. */
  openFile(fileId: string, source: string): void;
  /** The user typed: the new text of the open file. */
  setSource(source: string): void;
  /** Asks the editor to scroll to and select a range (1-based lines and columns). */
  revealRange(range: Omit<RevealRequest, 'nonce'>): void;
  /** The editor pane shows the open file's Mocks panel instead of its code. */
  mocksOpen: boolean;
  setMocksOpen(open: boolean): void;
}

export const createEditorSlice: StateCreator<AppState, [], [], EditorSlice> = (set, get) => ({
  activeFileId: null,
  source: STARTER_SOURCE,
  reveal: null,
  openFile: (activeFileId, source) => set({ activeFileId, source, reveal: null }),
  setSource: (source) => set({ source }),
  revealRange: (range) => set({ reveal: { ...range, nonce: (get().reveal?.nonce ?? 0) + 1 }, mocksOpen: false }),
  mocksOpen: false,
  setMocksOpen: (mocksOpen) => set({ mocksOpen }),
});
