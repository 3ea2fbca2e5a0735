/** The lessons the Learn panel offers (the `lessons/` folders), and how the panel names them. */
import { LESSONS } from '../../../lessons';
import type { Lesson } from '../../../lessons/kit';

export type { Lesson };
export { LESSONS };

/** The lesson with `id`, or undefined. */
export const lessonById = (id: string): Lesson | undefined => LESSONS.find((l) => l.id === id);

/** The lesson `delta` places after (or before) `id` in order, or undefined at either end. */
export function lessonAfter(id: string, delta: 1 | -1): Lesson | undefined {
  const at = LESSONS.findIndex((l) => l.id === id);
  return at < 0 ? undefined : LESSONS[at + delta];
}

/** The studio file a lesson is worked in: `lesson_retries.py`. */
export const lessonFileName = (lesson: Pick<Lesson, 'id'>): string => `lesson_${lesson.id.replace(/-/g, '_')}.py`;

/** The lesson a `#learn/<id>` fragment names: its id (maybe unknown), or null when it is no Learn link. */
export function learnLinkId(hash: string): string | null {
  const m = /^#learn\/([^/?#]*)$/.exec(hash);
  return m ? decodeURIComponent(m[1] ?? '') : null;
}
