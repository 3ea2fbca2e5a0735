import { EDITOR_TAB_SIZE } from './editor-metrics';

/**
 * Tab indents by four spaces, as in Monaco, instead of leaving the editor: the light view's and the app shell's
 * textarea (`src/shell/shell.ts`). Returns whether it took the key.
 */
export function indentOnTab(
  e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey' | 'preventDefault'>,
  doc: Document,
): boolean {
  if (e.key !== 'Tab' || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return false;
  e.preventDefault();
  // execCommand keeps the browser's own undo history; it is the one way to insert text that does.
  doc.execCommand('insertText', false, ' '.repeat(EDITOR_TAB_SIZE));
  return true;
}
