/**
 * The React light view takes over from the app shell (`src/shell/`), the plain-DOM editor that showed the code
 * before any module ran: in the commit that mounts the light view (a layout effect, so no task runs between the
 * shell's removal and this), what was typed into the shell goes to the store as an edit (autosave, or a first
 * visit's starter draft), and the selection, scroll and focus pass to the light view's textarea. Then the shell is
 * removed. Keys typed into text the light view does not show (the shell guessed the open file wrong) are never
 * applied to another file: a notice holds them.
 */
import { type RefObject, useLayoutEffect } from 'react';
import { readShellState, removeShell, shellHandOver } from '../../shell/shell-state';
import { appStore } from '../../store';

/** The first characters of lost typing a notice shows. */
const LOST_SHOWN_CHARS = 2000;

export function useShellHandOver(
  textarea: RefObject<HTMLTextAreaElement | null>,
  source: string,
  onChange: (value: string) => void,
): void {
  // Once, on mount: `source` is what the light view mounted with.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the hand-over happens at mount only
  useLayoutEffect(() => {
    const shell = readShellState(document);
    if (!shell) {
      removeShell(document);
      return;
    }
    const target = textarea.current;
    removeShell(document);
    if (!target) return;
    const { text, selection, lost } = shellHandOver(shell, source);
    if (text !== null) {
      target.value = text;
      onChange(text);
    }
    if (selection) {
      target.setSelectionRange(shell.selectionStart, shell.selectionEnd, shell.backward ? 'backward' : 'forward');
      target.scrollTop = shell.scrollTop;
    }
    if (shell.focused) target.focus({ preventScroll: true });
    if (lost !== null) {
      appStore.getState().notify({
        tone: 'warning',
        sticky: true,
        title: 'What you typed while the studio loaded was not applied',
        detail: `It was typed into a copy that turned out not to be the open file's code. Copy it from here if you need it:\n${lost.slice(0, LOST_SHOWN_CHARS)}${lost.length > LOST_SHOWN_CHARS ? '…' : ''}`,
      });
    }
  }, []);
}
