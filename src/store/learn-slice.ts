import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';

/** The outcome of the Learn panel's Check on one lesson: running, or the check's verdict on an instance. */
export type LessonCheckState =
  | { lessonId: string; status: 'checking' }
  | { lessonId: string; status: 'done'; pass: boolean; message: string; instanceId: string | null };

/** The Learn panel: which lesson it shows (by id, null = closed) and the last Check's outcome. */
export interface LearnSlice {
  lessonId: string | null;
  lessonCheck: LessonCheckState | null;
  openLesson(id: string): void;
  closeLearn(): void;
  setLessonCheck(check: LessonCheckState | null): void;
}

export const createLearnSlice: StateCreator<AppState, [], [], LearnSlice> = (set, get) => ({
  lessonId: null,
  lessonCheck: null,
  openLesson: (lessonId) => set(get().lessonId === lessonId ? {} : { lessonId, lessonCheck: null }),
  closeLearn: () => set({ lessonId: null, lessonCheck: null }),
  setLessonCheck: (lessonCheck) => set({ lessonCheck }),
});
