import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';

/** A message in the notice area: what an action did, or the error it failed with (verbatim). */
export interface Notice {
  id: number;
  tone: 'info' | 'warning' | 'error';
  title: string;
  detail?: string;
  /** Needs the user to do something with it (e.g. copy a link): stays until dismissed. */
  sticky?: boolean;
}

/** At most this many notices are on screen; older ones drop off. */
export const MAX_NOTICES = 3;

/** Messages about actions that have no dialog of their own to show them in (pause, terminate, …). */
export interface NoticesSlice {
  notices: Notice[];
  notify(notice: Omit<Notice, 'id'>): number;
  dismissNotice(id: number): void;
}

export const createNoticesSlice: StateCreator<AppState, [], [], NoticesSlice> = (set) => {
  let lastId = 0;
  return {
    notices: [],
    notify: (notice) => {
      const id = ++lastId;
      set((s) => ({ notices: [...s.notices, { ...notice, id }].slice(-MAX_NOTICES) }));
      return id;
    },
    dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  };
};
