/**
 * Export of journals from IndexedDB in the versioned journal file format (docs/journal-format.md): one
 * instance as `.journal.json`, or every instance as one zip of such files. The instance's summary and its
 * events are read in one transaction, so a file is never torn by an append in between. The source included
 * is the one the executor last imported for the instance's file (what it replays with), else the file as saved.
 */
import Dexie from 'dexie';
import { buildJournalFile, type JournalFile, journalFileName, serializeJournalFile, zipProject } from '../../export';
import type { StudioDB } from '../../persistence';

/** A file ready to download. */
export interface ExportedText {
  name: string;
  text: string;
}

/** Reads instance `id` as a journal file, or undefined when it does not exist. */
export async function readJournalFile(db: StudioDB, id: string, exportedAt: string): Promise<JournalFile | undefined> {
  const read = await db.transaction('r', [db.instances, db.journal, db.instanceFiles], async () => {
    const instance = await db.instances.get(id);
    if (!instance) return undefined;
    const events = await db.journal.where('[instanceId+seq]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray();
    const file = await db.instanceFiles.get(id);
    return { instance, events, fileId: file?.fileId };
  });
  if (!read || read.events.length === 0) return undefined;
  const source = read.fileId === undefined ? undefined : await sourceOf(db, read.fileId);
  return buildJournalFile({ instance: read.instance, events: read.events, exportedAt, ...(source ? { source } : {}) });
}

async function sourceOf(db: StudioDB, fileId: string): Promise<{ name: string; text: string } | undefined> {
  const loaded = await db.loadedSources.get(fileId);
  if (loaded) return { name: loaded.name, text: loaded.source };
  const saved = await db.files.get(fileId);
  return saved ? { name: saved.name, text: saved.source } : undefined;
}

/** Instance `id`'s journal file as text, with its download name. */
export async function exportJournal(db: StudioDB, id: string, exportedAt: string): Promise<ExportedText | undefined> {
  const file = await readJournalFile(db, id, exportedAt);
  return file && { name: journalFileName(file.instance), text: serializeJournalFile(file) };
}

/** Every instance's journal file in one zip (`journals/<workflow>-<id>.journal.json`). */
export async function exportAllJournals(
  db: StudioDB,
  exportedAt: string,
): Promise<{ name: string; bytes: Uint8Array; count: number }> {
  const ids = (await db.instances.orderBy('createdAt').primaryKeys()) as string[];
  const files: Record<string, string> = {};
  for (const id of ids) {
    const exported = await exportJournal(db, id, exportedAt);
    if (exported) files[exported.name] = exported.text;
  }
  const stamp = exportedAt.slice(0, 19).replace(/[:T]/g, '-');
  return {
    name: `workflow-studio-journals-${stamp}.zip`,
    bytes: zipProject(files, { folder: 'journals' }),
    count: Object.keys(files).length,
  };
}
