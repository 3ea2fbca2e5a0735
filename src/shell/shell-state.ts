/**
 * The app shell's contract with the React editor: where the shell's editor lives in the page, what it holds when
 * React takes over, and what React does with it. The shell (`shell.ts`, a classic script that runs before the
 * page's entry module) renders a plain-DOM editor in the light view's look; `readShellState` reads what the user
 * did there (text, selection, scroll, focus), and `shellHandOver` decides what of it the React editor takes.
 */

/** The shell's root element: a child of `body`, laid over the spot where the editor pane's text will be. */
export const SHELL_ID = 'studio-shell';
/** The shell's `<style>` element (the light view's rules and the shell's place). */
export const SHELL_STYLE_ID = 'studio-shell-style';
/** Set on the shell's root: the id of the file it shows, or empty for a first visit's starter. */
export const SHELL_FILE_ATTR = 'data-file-id';
/** The accessible name of the shell's textarea (the React light view's starts "Editor (light view"). */
export const SHELL_LABEL = 'Editor (the studio is loading)';

/** What the user did in the shell, read when React's editor takes over. */
export interface ShellState {
  /** The id of the file shown, `null` for a first visit's starter. */
  fileId: string | null;
  /** The text the shell showed at first. */
  base: string;
  /** The text now (what was typed into `base`). */
  text: string;
  selectionStart: number;
  selectionEnd: number;
  backward: boolean;
  scrollTop: number;
  scrollLeft: number;
  focused: boolean;
}

/** The shell's state in `doc`, or `null` when there is no shell (or not the shape `shell.ts` renders). */
export function readShellState(doc: Document): ShellState | null {
  const root = doc.getElementById(SHELL_ID);
  const textarea = root?.querySelector('textarea');
  if (!root || !textarea) return null;
  const fileId = root.getAttribute(SHELL_FILE_ATTR);
  return {
    fileId: fileId ? fileId : null,
    base: textarea.defaultValue,
    text: textarea.value,
    selectionStart: textarea.selectionStart,
    selectionEnd: textarea.selectionEnd,
    backward: textarea.selectionDirection === 'backward',
    scrollTop: textarea.scrollTop,
    scrollLeft: textarea.scrollLeft,
    focused: doc.activeElement === textarea,
  };
}

/** Removes the shell and its style from `doc` (nothing when there is none). */
export function removeShell(doc: Document): void {
  doc.getElementById(SHELL_ID)?.remove();
  doc.getElementById(SHELL_STYLE_ID)?.remove();
}

/**
 * What the React editor, showing `shown`, takes from the shell:
 * - `text`: the shell's text when something was typed into the same text React shows (else `null`);
 * - `selection`: whether the shell's selection and scroll apply (the same text underneath);
 * - `lost`: the shell's text, typed into a text React does not show (the shell showed the starter, or a copy,
 *   that turned out not to be the open file): not applied, so it cannot overwrite another file; the caller says so.
 */
export function shellHandOver(
  shell: Pick<ShellState, 'base' | 'text'>,
  shown: string,
): { text: string | null; selection: boolean; lost: string | null } {
  const typed = shell.text !== shell.base;
  if (shell.base === shown) return { text: typed ? shell.text : null, selection: true, lost: null };
  if (!typed) return { text: null, selection: false, lost: null };
  // Typed, and React already shows exactly that (e.g. the same keys reached it another way): nothing is lost.
  if (shell.text === shown) return { text: null, selection: true, lost: null };
  return { text: null, selection: false, lost: shell.text };
}

/**
 * The studio's interface could not load, so nothing will take the shell over: its text stays on screen, read-only
 * (nothing would save it), to copy. Returns whether something had been typed into it.
 */
export function freezeShell(doc: Document): boolean {
  const textarea = doc.getElementById(SHELL_ID)?.querySelector('textarea');
  if (!textarea) return false;
  textarea.readOnly = true;
  return textarea.value !== textarea.defaultValue;
}

/**
 * What typing changed from `base` to `text`: the line where the change starts (1-based) and the text put there
 * (empty when only deleting), the part between their common start and end.
 */
export function typedPart(base: string, text: string): { line: number; inserted: string } {
  let start = 0;
  const shorter = Math.min(base.length, text.length);
  while (start < shorter && base[start] === text[start]) start++;
  let end = 0;
  while (end < shorter - start && base[base.length - 1 - end] === text[text.length - 1 - end]) end++;
  return { line: text.slice(0, start).split('\n').length, inserted: text.slice(start, text.length - end) };
}
