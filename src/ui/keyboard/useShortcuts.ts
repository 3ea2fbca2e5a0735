import { useEffect, useRef } from 'react';
import { appStore } from '../../store';
import { performAction } from '../actions/instance-actions';
import { executorBlocker, instanceActionLegality } from '../actions/legality';
import { useClient } from '../client/useClient';
import { useLiveInstance } from '../data/SelectedInstanceProvider';
import { runLessonCheck, stepLesson, toggleLearn } from '../learn/learn-actions';
import { commandFor, type ShortcutCommand } from './shortcuts';

/** The shortcut commands that need Python (they are what the toolbar disables while it starts). */
const NEEDS_PYTHON: ReadonlySet<ShortcutCommand> = new Set([
  'run-now',
  'run-dialog',
  'send-event',
  'pause-resume',
  'skip-wait',
]);

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('.monaco-editor') !== null);

/** Global keyboard shortcuts (the table in `shortcuts.ts`); inactive while a dialog is open. */
export function useShortcuts(): void {
  const client = useClient();
  const instance = useLiveInstance();
  const latest = useRef({ client, instance });
  latest.current = { client, instance };

  useEffect(() => {
    const run = (command: ShortcutCommand) => {
      const s = appStore.getState();
      const { client, instance } = latest.current;
      const view = instance.status === 'ready' ? instance.view : null;
      const blocker = NEEDS_PYTHON.has(command) ? executorBlocker(client ? client.getState() : null) : null;
      if (blocker) {
        s.notify({ tone: 'info', title: 'Python is not ready', detail: blocker });
        return;
      }
      switch (command) {
        case 'run-now':
          return s.requestRunNow();
        case 'run-dialog':
          return s.openDialog('run');
        case 'help':
          return s.openDialog('help');
        case 'samples':
          return s.openDialog('samples');
        case 'learn':
          return void toggleLearn();
        case 'env':
          return s.openDialog('env');
        case 'next-lesson':
          return void stepLesson(1);
        case 'previous-lesson':
          return void stepLesson(-1);
        case 'check-lesson':
          if (s.lessonId !== null) void runLessonCheck();
          return;
        case 'send-event':
          if (instanceActionLegality('send-event', view).ok) s.openDialog('send-event');
          return;
        case 'pause-resume': {
          if (!client || !view) return;
          const action = instanceActionLegality('pause', view).ok ? 'pause' : 'resume';
          if (instanceActionLegality(action, view).ok) void performAction(client, action, view.id);
          return;
        }
        case 'skip-wait':
          if (client && view && instanceActionLegality('skip-wait', view).ok)
            void performAction(client, 'skip-wait', view.id);
          return;
      }
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || appStore.getState().dialog !== null) return;
      const typing = isTyping(e.target);
      const { key, ctrlKey, metaKey, shiftKey, altKey } = e;
      const command = commandFor({ key, ctrlKey, metaKey, shiftKey, altKey, typing });
      if (command === null) return;
      // Monaco runs Ctrl/Cmd+Enter itself (its own keybinding, see useEditorBindings).
      if (e.target instanceof HTMLElement && e.target.closest('.monaco-editor') && command.startsWith('run')) return;
      e.preventDefault();
      run(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
