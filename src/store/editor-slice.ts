import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';
import starterWorkflow from './starter_workflow.py?raw';

/** The workflow source open in the editor. */
export interface EditorSlice {
  source: string;
  setSource(source: string): void;
}

/** Starts with the starter workflow: a small Cloudflare Python workflow with a dependency and a sleep. */
export const createEditorSlice: StateCreator<AppState, [], [], EditorSlice> = (set) => ({
  source: starterWorkflow,
  setSource: (source) => set({ source }),
});
