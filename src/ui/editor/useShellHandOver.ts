/**
 * The React light view takes over from the app shell (`src/shell/`), the plain-DOM editor that showed the code
 * before any module ran: in the commit that mounts the light view (a layout effect, so no task runs between the
 * shell's removal and this), what was typed into the shell goes to the store as an edit (autosave, or a first
 * visit's starter draft), and the selection, scroll and focus pass to the light view's textarea. Then the shell is
 * removed. Keys typed into text the light view does not show (the shell guessed the open file wrong), or when the
 * pane shows no code at all (the files could not be read), are never applied to a file: a notice holds them.
 */
import { type RefObject, useLayoutEffect } from 'react';
import { readShellState, removeShell, type ShellState, shellHandOver, typedPart } from '../../shell/shell-state';
import { appStore } from '../../store';

/** The first characters of lost typing a notice shows. */
const LOST_SHOWN_CHARS = 2000;

/** Says that what was typed into the shell was not applied, and `why`. */
function notifyLost(shell: Pick<ShellState, 'base' | 'text'>, why: string): void {
  const { line, inserted } = typedPart(shell.base, shell.text);
  const shown = inserted.length > LOST_SHOWN_CHARS ? `${inserted.slice(0, LOST_SHOWN_CHARS)}…` : inserted;
  appStore.getState().notify({
    tone: 'warning',
    sticky: true,
    title: 'What you typed while the studio loaded was not applied',
    detail: `${why} ${shown ? `At line ${line} you typed: ${shown}` : `You deleted text at line ${line}.`}`,
  });
}

/** The light view, mounted with `source` in `textarea`, takes the shell over (see above). */
export function useShellHandOver(
  textarea: RefObject<HTMLTextAreaElement | null>,
  source: string,
  onChange: (value: string) => void,
): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, at mount: `source` is what the view mounted with
  useLayoutEffect(() => {
    const shell = readShellState(document);
    const target = textarea.current;
    removeShell(document);
    if (!shell || !target) return;
    const { text, selection, lost } = shellHandOver(shell, source);
    if (text !== null) {
      target.value = text;
      onChange(text);
    }
    if (selection) {
      target.setSelectionRange(shell.selectionStart, shell.selectionEnd, shell.backward ? 'backward' : 'forward');
      target.scrollTop = shell.scrollTop;
      target.scrollLeft = shell.scrollLeft;
    }
    if (shell.focused) target.focus({ preventScroll: true });
    if (lost !== null) notifyLost(shell, "It was typed into text that turned out not to be the open file's.");
  }, []);
}

/**
 * The editor pane shows no code (`showsCode` false: the files could not be read, a conflict, the mocks), so no
 * light view will take the shell over: it goes, and what was typed into it is kept in a notice.
 */
export function useShellDropped(showsCode: boolean): void {
  useLayoutEffect(() => {
    if (showsCode) return;
    const shell = readShellState(document);
    removeShell(document);
    if (shell && shell.text !== shell.base) notifyLost(shell, 'The editor cannot show it here, so it was not saved.');
  }, [showsCode]);
}
