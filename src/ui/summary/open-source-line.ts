/**
 * Moves the editor to a line of a workflow file (a traceback frame's): opens the file first when another one is
 * open, then puts the cursor at the line's first character of code and selects the code on it.
 */
import { appStore } from '../../store';
import { getFilesController } from '../files/files';

/** The range of line `line` (1-based) of `source` from its first non-blank character to its end. */
export function lineRange(source: string, line: number) {
  const text = source.split('\n')[line - 1] ?? '';
  const start = text.length - text.trimStart().length + 1;
  return { line, column: start, endLine: line, endColumn: Math.max(start, text.trimEnd().length + 1) };
}

/** Opens file `fileId` (when it is not the open one) and shows line `line` of it in the editor. */
export async function openSourceLine(fileId: string, line: number): Promise<void> {
  if (appStore.getState().activeFileId !== fileId) await getFilesController().open(fileId);
  const s = appStore.getState();
  if (s.activeFileId !== fileId) return;
  s.revealRange(lineRange(s.source, line));
}
