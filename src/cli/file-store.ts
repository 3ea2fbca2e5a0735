import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createMemoryJournalStore, type JournalStore } from '../engine';
import { JOURNAL_FILE_FORMAT, JOURNAL_FILE_VERSION, type JournalStoreFile, parseJournalStoreValue } from '../export';

/** A journal store kept in memory and written to a JSON file by `flush()` (the CLI flushes as it goes). */
export interface FileJournalStore extends JournalStore {
  /** Writes the file if anything changed since the last flush (atomically: temp file + rename). */
  flush(): Promise<void>;
}

/** Why an existing `--journal` file cannot be used, or the store. */
export type OpenJournalResult = { ok: true; store: FileJournalStore } | { ok: false; reason: string };

/** Opens `path` (a missing file is an empty journal). */
export async function openFileJournalStore(path: string): Promise<OpenJournalResult> {
  const memory = createMemoryJournalStore();
  let text: string | undefined;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return { ok: false, reason: (e as Error).message };
  }
  if (text !== undefined) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'it is not JSON' };
    }
    // The journal file rules (docs/journal-format.md), as replay reads them; an exported journal is one instance.
    const parsed = parseJournalStoreValue(value);
    if (!parsed.ok) return { ok: false, reason: parsed.message.replace(/\.$/, '') };
    try {
      for (const { summary, events } of parsed.store.instances) await memory.append(summary.id, events, summary);
    } catch (e) {
      return { ok: false, reason: (e as Error).message };
    }
  }
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
      const tmp = `${path}.tmp-${process.pid}`;
      writeFileSync(tmp, `${JSON.stringify(file, null, 1)}\n`);
      renameSync(tmp, path);
    },
  };
  return { ok: true, store };
}
