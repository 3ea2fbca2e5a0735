/**
 * The Learn panel's Check: the learner's latest instance of the lesson's file (by creation time), its journal
 * from IndexedDB reduced by the engine's `reduceJournal`, judged by the lesson's own check.
 */
import Dexie from 'dexie';
import type { Lesson } from '../../../lessons/kit';
import { reduceJournal } from '../../engine';
import type { StudioDB } from '../../persistence';

/** A check's verdict on one instance (`instanceId` null when there was none to check). */
export interface LessonVerdict {
  pass: boolean;
  message: string;
  instanceId: string | null;
}

export async function checkLesson(
  db: StudioDB,
  lesson: Pick<Lesson, 'check'>,
  fileId: string,
  fileName: string,
): Promise<LessonVerdict> {
  const links = await db.instanceFiles.where('fileId').equals(fileId).toArray();
  const summaries = (await db.instances.bulkGet(links.map((l) => l.instanceId))).filter((s) => s !== undefined);
  const latest = summaries.sort((a, b) => b.createdAt - a.createdAt || b.updatedAt - a.updatedAt)[0];
  if (!latest) {
    return {
      pass: false,
      message: `${fileName} has no instance yet: do what the lesson lists (▶ Run first)`,
      instanceId: null,
    };
  }
  const journal = await db.journal
    .where('[instanceId+seq]')
    .between([latest.id, Dexie.minKey], [latest.id, Dexie.maxKey])
    .toArray();
  try {
    return { ...lesson.check({ view: reduceJournal(journal), journal }), instanceId: latest.id };
  } catch (e) {
    const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { pass: false, message: `the check could not read instance ${latest.id}: ${why}`, instanceId: latest.id };
  }
}
