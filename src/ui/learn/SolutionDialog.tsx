import type { DiffOnMount } from '@monaco-editor/react';
import { lazy, Suspense } from 'react';
import { appStore, selectLessonId, selectSource, useAppStore } from '../../store';
import { CancelButton, Dialog } from '../dialogs/Dialog';
import { useColorScheme } from '../hooks/useColorScheme';
import { Loading } from '../layout/Loading';
import { replaceLessonFile } from './learn-actions';
import { lessonById } from './lessons';

const MonacoDiff = lazy(() => import('../editor/MonacoEditor').then((m) => ({ default: m.MonacoDiff })));
const noMount: DiffOnMount = () => {};

/** "Show solution": the learner's text (left) against the lesson's solution (right), in Monaco's diff editor. */
export function SolutionDialog() {
  const id = useAppStore(selectLessonId);
  const source = useAppStore(selectSource);
  const scheme = useColorScheme();
  const lesson = id === null ? undefined : lessonById(id);
  if (!lesson) return null;
  const takeSolution = () => {
    appStore.getState().closeDialog();
    void replaceLessonFile(lesson, lesson.solution);
  };
  return (
    <Dialog
      title={`Solution: ${lesson.title}`}
      wide
      testId="solution-dialog"
      footer={
        <>
          <CancelButton label="Close" />
          <button type="button" className="button" onClick={takeSolution}>
            Put the solution in my file
          </button>
        </>
      }
    >
      <p className="learn__diff-legend">
        Left: your file as it is now. Right: one solution. The differences are marked.
      </p>
      <div className="learn__diff">
        <Suspense fallback={<Loading what="Loading the diff editor" />}>
          <MonacoDiff
            fileId={`lesson-${lesson.id}`}
            original={source}
            modified={lesson.solution}
            dark={scheme === 'dark'}
            onMount={noMount}
            readOnly
            loading={<Loading what="Loading the diff editor" />}
          />
        </Suspense>
      </div>
    </Dialog>
  );
}
