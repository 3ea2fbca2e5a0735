import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { describeAction } from '../../../lessons/kit';
import { appStore, selectLessonCheck, selectLessonId, useAppStore } from '../../store';
import {
  closeLearn,
  learnProgress,
  openLesson,
  replaceLessonFile,
  runLessonCheck,
  showNextHint,
  stepLesson,
} from './learn-actions';
import { progressOf } from './learn-progress';
import { LESSONS, lessonById } from './lessons';
import { renderMarkdown } from './render-markdown';

/**
 * The Learn panel, beside the editor: the lesson's prose, its task and what to do, Check (on the learner's
 * latest instance of the lesson's file), hints one at a time, the solution as a diff, and the lessons in order
 * with what has passed.
 */
export function LearnPane() {
  const id = useAppStore(selectLessonId);
  const check = useAppStore(selectLessonCheck);
  const progress = useLiveQuery(() => learnProgress.read(), []);
  const lesson = id === null ? undefined : lessonById(id);
  const prose = useMemo(() => (lesson ? renderMarkdown(lesson.prose) : ''), [lesson]);
  if (!lesson) return null;
  const index = LESSONS.indexOf(lesson);
  const mine = progressOf(progress, lesson.id);
  const verdict = check?.lessonId === lesson.id ? check : null;
  const passedCount = LESSONS.filter((l) => progressOf(progress, l.id).passed).length;
  return (
    <section className="pane learn" aria-label="Learn" data-testid="learn-pane">
      <header className="pane__title learn__head">
        <select
          className="learn__picker"
          aria-label="Lesson"
          value={lesson.id}
          onChange={(e) => void openLesson(e.target.value)}
          data-testid="lesson-picker"
        >
          {LESSONS.map((l, i) => (
            <option key={l.id} value={l.id}>
              {`${i + 1}. ${l.title}${progressOf(progress, l.id).passed ? ' ✓' : ''}`}
            </option>
          ))}
        </select>
        <span className="pane__actions">
          <span className="learn__count" title="Lessons passed">
            {passedCount}/{LESSONS.length} ✓
          </span>
          <button
            type="button"
            className="pane-button"
            onClick={() => void stepLesson(-1)}
            disabled={index === 0}
            title="Previous lesson ([)"
            aria-label="Previous lesson"
          >
            ‹
          </button>
          <button
            type="button"
            className="pane-button"
            onClick={() => void stepLesson(1)}
            disabled={index === LESSONS.length - 1}
            title="Next lesson (])"
            aria-label="Next lesson"
            data-testid="next-lesson"
          >
            ›
          </button>
          <button
            type="button"
            className="icon-button"
            onClick={closeLearn}
            title="Close Learn (L)"
            aria-label="Close Learn"
          >
            ×
          </button>
        </span>
      </header>
      <div key={lesson.id} className="pane__body learn__body">
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: our own Markdown, rendered with raw HTML escaped (render-markdown.ts) */}
        <article className="learn__prose" dangerouslySetInnerHTML={{ __html: prose }} />
      </div>
      <div className="learn__foot">
        <section className="learn__task" aria-label="Your task">
          <h3>Your task</h3>
          <p data-testid="lesson-task">{lesson.task}</p>
          <h4>Then</h4>
          <ol className="learn__drive">
            {lesson.drive.map((a, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the actions are fixed data, in order
              <li key={i}>{describeAction(a)}</li>
            ))}
            <li>Press Check</li>
          </ol>
          <div className="learn__check">
            <button
              type="button"
              className="button button--primary"
              onClick={() => void runLessonCheck()}
              disabled={verdict?.status === 'checking'}
              title="Check your latest instance of this lesson's file (C)"
              data-testid="lesson-check"
            >
              {verdict?.status === 'checking' ? 'Checking…' : 'Check'}
            </button>
            {mine.passed && verdict === null && <span className="learn__passed">✓ passed before</span>}
          </div>
          <p
            className={`learn__verdict${verdict?.status === 'done' ? (verdict.pass ? ' learn__verdict--pass' : ' learn__verdict--fail') : ''}`}
            role="status"
            data-testid="lesson-verdict"
          >
            {verdict?.status === 'done' && (
              <>
                <strong>{verdict.pass ? '✓ Passed: ' : '✗ Not yet: '}</strong>
                {verdict.message}
                {verdict.instanceId !== null && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => appStore.getState().selectInstance(verdict.instanceId)}
                    >
                      (instance {verdict.instanceId.slice(0, 8)})
                    </button>
                  </>
                )}
              </>
            )}
          </p>
          {verdict?.status === 'done' && verdict.pass && index < LESSONS.length - 1 && (
            <button
              type="button"
              className="button learn__continue"
              onClick={() => void stepLesson(1)}
              data-testid="lesson-continue"
            >
              Next lesson: {LESSONS[index + 1]!.title} ›
            </button>
          )}
        </section>
        <section className="learn__hints" aria-label="Hints">
          {mine.hints > 0 && (
            <ol className="learn__hint-list">
              {lesson.hints.slice(0, mine.hints).map((h) => (
                <li key={h}>{h}</li>
              ))}
            </ol>
          )}
          <div className="learn__buttons">
            {mine.hints < lesson.hints.length && (
              <button
                type="button"
                className="pane-button"
                onClick={() => void showNextHint(lesson, mine.hints)}
                data-testid="lesson-hint"
              >
                Show a hint ({mine.hints + 1} of {lesson.hints.length})
              </button>
            )}
            <button
              type="button"
              className="pane-button"
              onClick={() => appStore.getState().openDialog('lesson-solution')}
              data-testid="lesson-solution"
            >
              Show solution
            </button>
            <button
              type="button"
              className="pane-button"
              onClick={() => void replaceLessonFile(lesson, lesson.start)}
              title="Put the starting file back in the editor (your instances stay)"
            >
              Start over
            </button>
          </div>
        </section>
      </div>
    </section>
  );
}
