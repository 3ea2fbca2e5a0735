/** `zipProject`: a project's files as one zip archive (fflate), byte-identical for identical files. */
import { strToU8, type Zippable, zipSync } from 'fflate';

/** Options of {@link zipProject}. */
export interface ZipOptions {
  /** Put every file under this folder (e.g. the project name), so unzipping makes one directory. */
  folder?: string;
}

/** A fixed modification time, so the same files always make the same bytes. */
const MTIME = '2026-02-25T00:00:00Z';

/** Zips `files` (path → UTF-8 text), in the order given. */
export function zipProject(files: Readonly<Record<string, string>>, options: ZipOptions = {}): Uint8Array {
  const prefix = options.folder ? `${options.folder.replace(/\/+$/, '')}/` : '';
  const entries: Zippable = {};
  for (const [path, text] of Object.entries(files)) entries[`${prefix}${path}`] = strToU8(text);
  return zipSync(entries, { level: 9, mtime: MTIME });
}
