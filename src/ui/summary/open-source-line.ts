/**
 * Moves the editor to a line of a workflow file (a traceback frame's): opens the file first when another one is
 * open, then puts the cursor at the line's first character of code and selects the code on it.
 */
import { appStore } from '../../store';
import { getFilesController } from '../files/files';
import { lineRange } from './traceback';

/** Opens file `fileId` (when it is not the open one) and shows line `line` of it in the editor. */
export async function openSourceLine(fileId: string, line: number): Promise<void> {
  if (appStore.getState().activeFileId !== fileId) await getFilesController().open(fileId);
  const s = appStore.getState();
  if (s.activeFileId !== fileId) return;
  s.revealRange(lineRange(s.source, line));
}
