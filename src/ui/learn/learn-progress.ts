/**
 * The learner's progress through the lessons, kept in the settings table (IndexedDB) under one key: per
 * lesson, the studio file it is worked in, how many hints are shown and whether its check has passed.
 */
import type { SettingsRepo } from '../../persistence';

/** The setting that holds {@link LearnProgress}. */
export const LEARN_PROGRESS_SETTING = 'learn.progress';

/** One lesson's progress. */
export interface LessonProgress {
  /** The studio file the lesson is worked in (created from its starting file on first open). */
  fileId?: string;
  /** Hints shown so far (they are shown in order). */
  hints: number;
  passed: boolean;
}

/** Progress by lesson id. */
export type LearnProgress = Readonly<Record<string, LessonProgress>>;

export const NO_PROGRESS: LessonProgress = { hints: 0, passed: false };

/** The progress of `id` in `all` (none yet: no hints, not passed). */
export const progressOf = (all: LearnProgress | undefined, id: string): LessonProgress => all?.[id] ?? NO_PROGRESS;

/** Reads and updates the progress; updates are applied one after another, so none is lost. */
export function createLearnProgress(settings: Pick<SettingsRepo, 'get' | 'set'>) {
  let queue: Promise<unknown> = Promise.resolve();
  const read = () => settings.get<LearnProgress>(LEARN_PROGRESS_SETTING, {});
  return {
    read,
    /** Merges `patch` into lesson `id`'s progress; a `passed` once true stays true. */
    update(id: string, patch: Partial<LessonProgress>): Promise<LearnProgress> {
      const next = queue.then(async () => {
        const all = await read();
        const before = progressOf(all, id);
        const merged: LessonProgress = { ...before, ...patch, passed: before.passed || patch.passed === true };
        const updated = { ...all, [id]: merged };
        await settings.set(LEARN_PROGRESS_SETTING, updated);
        return updated;
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

/** The handle {@link createLearnProgress} returns. */
export type LearnProgressRepo = ReturnType<typeof createLearnProgress>;
