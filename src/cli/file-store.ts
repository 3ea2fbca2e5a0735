import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createMemoryJournalStore, type JournalStore } from '../engine';
import { JOURNAL_FILE_FORMAT, JOURNAL_FILE_VERSION, type JournalStoreFile, parseJournalStoreValue } from '../export';
import { lockJournal, writeProblem } from './journal-lock';

/** A journal store kept in memory and written to a JSON file by `flush()` (the CLI flushes as it goes). */
export interface FileJournalStore extends JournalStore {
  /**
   * Writes the file if anything changed since the last flush, atomically: a temporary file beside it, flushed to
   * disk, renamed over it. Throws `JournalWriteError` when it cannot; the temporary file is removed and the
   * journal keeps its last complete write.
   */
  flush(): Promise<void>;
  /** Releases the journal's lock (idempotent); the store must not be used afterwards. */
  close(): void;
}

/** A flush that could not write the journal file: `message` is the one stderr line (without `error: `). */
export class JournalWriteError extends Error {}

/** The store, or the one stderr line (without `error: `) saying why the `--journal` file cannot be used. */
export type OpenJournalResult = { ok: true; store: FileJournalStore } | { ok: false; message: string };

const notUsable = (path: string, reason: string) =>
  `--journal ${path} cannot be used: ${reason}; pass a file written by --journal, or a new path`;

/**
 * Opens `path` for this process alone (a missing file is an empty journal): refuses a read-only file (it is
 * never replaced), a folder that cannot be written and a journal another live process holds.
 */
export async function openFileJournalStore(path: string): Promise<OpenJournalResult> {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { ok: false, message: notUsable(path, 'it is a folder') };
    // The mode bits, not access(2): as root access() says "writable" for a 444 file, and rename would replace it.
    if ((stat.mode & 0o200) === 0) {
      return {
        ok: false,
        message: `--journal ${path} is read-only, so it is left as it is; make it writable (chmod u+w) or pass a new path`,
      };
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      return { ok: false, message: notUsable(path, (e as Error).message) };
    }
  }
  const locked = lockJournal(path);
  if (!locked.ok) return locked;
  const opened = await load(path);
  if (!opened.ok) {
    locked.lock.release();
    return opened;
  }
  const memory = opened.memory;
  let dirty = false;
  const store: FileJournalStore = {
    ...memory,
    async append(instanceId, events, summary) {
      await memory.append(instanceId, events, summary);
      dirty = true;
    },
    async deleteInstance(id) {
      await memory.deleteInstance(id);
      dirty = true;
    },
    async flush() {
      if (!dirty) return;
      dirty = false;
      const instances = [];
      for (const summary of await memory.listInstances()) {
        instances.push({ summary, events: await memory.read(summary.id) });
      }
      const file: JournalStoreFile = { format: JOURNAL_FILE_FORMAT, version: JOURNAL_FILE_VERSION, instances };
      writeAtomically(path, `${JSON.stringify(file, null, 1)}\n`);
    },
    close: locked.lock.release,
  };
  return { ok: true, store };
}

/** The journal's instances loaded into a memory store, or why the file is not a journal. */
async function load(
  path: string,
): Promise<{ ok: true; memory: ReturnType<typeof createMemoryJournalStore> } | { ok: false; message: string }> {
  const memory = createMemoryJournalStore();
  let text: string | undefined;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      return { ok: false, message: notUsable(path, (e as Error).message) };
  }
  if (text === undefined) return { ok: true, memory };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: notUsable(path, 'it is not JSON') };
  }
  // The journal file rules (docs/journal-format.md), as replay reads them; an exported journal is one instance.
  const parsed = parseJournalStoreValue(value);
  if (!parsed.ok) return { ok: false, message: notUsable(path, parsed.message.replace(/\.$/, '')) };
  try {
    for (const { summary, events } of parsed.store.instances) await memory.append(summary.id, events, summary);
  } catch (e) {
    return { ok: false, message: notUsable(path, (e as Error).message) };
  }
  return { ok: true, memory };
}

/** Writes `text` to a temporary file beside `path`, flushes it to disk and renames it over `path`. */
function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w', 0o644);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {}
    throw new JournalWriteError(
      `--journal ${path} could not be written: ${writeProblem(path, e)}; it keeps its last complete write`,
    );
  }
}
