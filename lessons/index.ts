/**
 * Every lesson under `lessons/`, found by Vite's glob import: a new folder with the five files is a new lesson,
 * with no code to change. Folders sort by name, so a number prefix (`03-sleeps`) sets the order.
 */
import type { Lesson, LessonCheck, LessonMeta } from './kit';

const metas = import.meta.glob<LessonMeta>('./*/lesson.json', { eager: true, import: 'default' });
const proses = import.meta.glob<string>('./*/lesson.md', { eager: true, query: '?raw', import: 'default' });
const starts = import.meta.glob<string>('./*/start.py', { eager: true, query: '?raw', import: 'default' });
const solutions = import.meta.glob<string>('./*/solution.py', { eager: true, query: '?raw', import: 'default' });
const checks = import.meta.glob<LessonCheck>('./*/check.ts', { eager: true, import: 'default' });

/** The lessons in order; a folder that lacks a file is a build-time mistake and throws naming it. */
export function loadLessons(): Lesson[] {
  return Object.keys(metas)
    .map((metaPath) => metaPath.slice(2, -'/lesson.json'.length))
    .sort()
    .map((folder) => {
      const file = <T>(table: Record<string, T>, name: string): T => {
        const found = table[`./${folder}/${name}`];
        if (found === undefined) throw new Error(`lessons/${folder} has no ${name}`);
        return found;
      };
      const meta = file(metas, 'lesson.json');
      return {
        ...meta,
        folder,
        prose: file(proses, 'lesson.md'),
        start: file(starts, 'start.py'),
        solution: file(solutions, 'solution.py'),
        check: file(checks, 'check.ts'),
      };
    });
}

/** The lessons, in order. */
export const LESSONS: readonly Lesson[] = loadLessons();
