/**
 * What the Learn panel, its keyboard shortcuts and its `#learn/<id>` links do: open a lesson (its file is
 * created from the starting file on first open and reopened after), move to the next or previous one, run
 * the check, show hints, put the starting file or the solution in the editor.
 */
import { appStore } from '../../store';
import { saveLastRun } from '../actions/run-settings';
import { errorText } from '../actions/run-workflow';
import { filesRepo, settingsRepo, studioDb } from '../data/studio-db';
import { getFilesController } from '../files/files';
import { checkLesson } from './check-lesson';
import { createLearnProgress, progressOf } from './learn-progress';
import { LESSONS, type Lesson, learnLinkId, lessonAfter, lessonById, lessonFileName } from './lessons';

/** The learner's progress (settings table). */
export const learnProgress = createLearnProgress(settingsRepo);

const notify = (n: Parameters<ReturnType<typeof appStore.getState>['notify']>[0]) => appStore.getState().notify(n);

/** Shows `#learn/<id>` in the address bar (no new history entry), or removes a Learn link. */
function showLink(id: string | null) {
  const { pathname, search, hash } = window.location;
  const wanted = id === null ? '' : `#learn/${encodeURIComponent(id)}`;
  if (id === null && learnLinkId(hash) === null) return;
  if (hash !== wanted) window.history.replaceState(null, '', pathname + search + wanted);
}

/** The lesson's `env` as the file's env declaration (Env in the toolbar), JSON as `wrangler.jsonc` holds it. */
export const lessonEnvText = (lesson: Pick<Lesson, 'env'>): string | undefined =>
  lesson.env === undefined ? undefined : `${JSON.stringify(lesson.env, null, 2)}\n`;

/**
 * Opens the lesson's file in the editor, creating it from the starting file the first time, with the lesson's
 * bindings declared (also on a file made before the lesson had any, if it declares none).
 */
async function openLessonFile(lesson: Lesson): Promise<void> {
  const files = getFilesController();
  await files.load();
  const env = lessonEnvText(lesson);
  const { fileId } = progressOf(await learnProgress.read(), lesson.id);
  const existing = fileId === undefined ? undefined : await filesRepo.get(fileId);
  if (existing) {
    if (env !== undefined && (existing.env ?? '').trim() === '') await filesRepo.saveEnv(existing.id, env);
    await files.open(existing.id);
    return;
  }
  const file = await files.create(lessonFileName(lesson), lesson.start);
  if (env !== undefined) await filesRepo.saveEnv(file.id, env);
  const run = lesson.drive.find((a) => a.do === 'run');
  await saveLastRun(file.id, { params: JSON.stringify(run?.params ?? {}), id: '', workflowName: null });
  await learnProgress.update(lesson.id, { fileId: file.id });
}

/** Opens the Learn panel on lesson `id` with its file in the editor. */
export async function openLesson(id: string): Promise<void> {
  const lesson = lessonById(id);
  if (!lesson) {
    notify({
      tone: 'error',
      title: `No lesson “${id}”`,
      detail: `The lessons are: ${LESSONS.map((l) => l.id).join(', ')}.`,
    });
    return openLesson(LESSONS[0]!.id);
  }
  const s = appStore.getState();
  s.openLesson(lesson.id);
  showLink(lesson.id);
  try {
    await openLessonFile(lesson);
  } catch (e) {
    notify({ tone: 'error', title: `Could not open the file of “${lesson.title}”`, detail: errorText(e) });
  }
}

/** Closes the Learn panel (the lesson's file stays open). */
export function closeLearn(): void {
  appStore.getState().closeLearn();
  showLink(null);
}

/** L: opens the Learn panel on the first lesson not passed yet, or closes it. */
export async function toggleLearn(): Promise<void> {
  if (appStore.getState().lessonId !== null) return closeLearn();
  const progress = await learnProgress.read();
  const next = LESSONS.find((l) => !progressOf(progress, l.id).passed) ?? LESSONS[0]!;
  await openLesson(next.id);
}

/** ] / [: the next or previous lesson, if there is one. */
export async function stepLesson(delta: 1 | -1): Promise<void> {
  const id = appStore.getState().lessonId;
  const target = id === null ? undefined : lessonAfter(id, delta);
  if (target) await openLesson(target.id);
}

/** Check (C): the open lesson's check on the learner's latest instance of its file. */
export async function runLessonCheck(): Promise<void> {
  const s = appStore.getState();
  const lesson = s.lessonId === null ? undefined : lessonById(s.lessonId);
  if (!lesson) return;
  s.setLessonCheck({ lessonId: lesson.id, status: 'checking' });
  try {
    const { fileId } = progressOf(await learnProgress.read(), lesson.id);
    const file = fileId === undefined ? undefined : await filesRepo.get(fileId);
    const verdict =
      file === undefined
        ? {
            pass: false,
            message: 'the lesson’s file was deleted: open the lesson again to start over',
            instanceId: null,
          }
        : await checkLesson(studioDb, lesson, file.id, file.name);
    if (verdict.pass) await learnProgress.update(lesson.id, { passed: true });
    if (appStore.getState().lessonId === lesson.id) {
      appStore.getState().setLessonCheck({ lessonId: lesson.id, status: 'done', ...verdict });
    }
  } catch (e) {
    appStore.getState().setLessonCheck({
      lessonId: lesson.id,
      status: 'done',
      pass: false,
      message: `the check could not run: ${errorText(e)}`,
      instanceId: null,
    });
  }
}

/** Shows one more hint of the open lesson. */
export async function showNextHint(lesson: Lesson, shown: number): Promise<void> {
  await learnProgress.update(lesson.id, { hints: Math.min(shown + 1, lesson.hints.length) });
}

/** Puts `text` (the starting file or the solution) in the editor on the lesson's file; autosave keeps it. */
export async function replaceLessonFile(lesson: Lesson, text: string): Promise<void> {
  await openLessonFile(lesson);
  appStore.getState().setSource(text);
}

/**
 * Opens the lesson a `#learn/<id>` fragment names (an unknown id says so and opens the first lesson), once the
 * files have loaded; other fragments are left alone.
 */
export async function openLessonFromLocation(): Promise<void> {
  const id = learnLinkId(window.location.hash);
  if (id === null) return;
  await getFilesController().load();
  if (id === '') {
    // `#learn/` alone: the Learn panel where the learner left off.
    if (appStore.getState().lessonId === null) await toggleLearn();
    return;
  }
  await openLesson(id);
}
