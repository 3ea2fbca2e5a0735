/**
 * Opening a `.py` file from disk as a new studio file, read as Python reads it (PEP 263): UTF-8, or the encoding
 * its coding line names; bytes that are not valid are refused with the line and byte offset, never replaced.
 * The studio keeps text as UTF-8, so a coding line naming another encoding is changed to say utf-8.
 */
import { declareUtf8, decodePythonSource } from '../../analysis';
import type { Notice } from '../../store';

/** What is needed of a picked file (a DOM `File`). */
export interface PickedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Creates the file (a free name based on `name`; it opens) and tells the user; false when it was refused. */
export async function openPythonFile(
  picked: PickedFile,
  deps: {
    create(name: string, source: string): Promise<{ name: string }>;
    notify(notice: Omit<Notice, 'id'>): void;
  },
): Promise<boolean> {
  const decoded = decodePythonSource(new Uint8Array(await picked.arrayBuffer()), picked.name);
  if (!decoded.ok) {
    deps.notify({ tone: 'error', title: `Could not open ${picked.name}`, detail: decoded.message });
    return false;
  }
  const text = declareUtf8(decoded.text);
  // The export module (schemas, compression, zip) is a chunk of its own, not on the way to the first render.
  const { toStudioFileName } = await import('../../export');
  const file = await deps.create(toStudioFileName(picked.name), text);
  deps.notify({
    tone: 'info',
    // "as" only when the studio named it otherwise (a name taken, or not a Python module name).
    title: file.name === picked.name ? `Opened ${picked.name}` : `Opened ${picked.name} as ${file.name}`,
    detail:
      decoded.encoding === 'utf-8'
        ? 'Your other files are untouched.'
        : `Read as ${decoded.encoding}, as its coding line says; kept as UTF-8${text === decoded.text ? '' : ', so its coding line now says utf-8'}.`,
  });
  return true;
}
