import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createMemoryJournalStore, type InstanceSummary, type JournalEvent, type JournalStore } from '../engine';
import { JOURNAL_FILE_VERSION } from '../export';

/** The `--journal` file: every instance's summary and events. */
export interface JournalFile {
  format: 'workflow-studio-journal';
  /** Written as the current journal format version; every older one is read (version 1 had no `run-output`). */
  version: number;
  instances: { summary: InstanceSummary; events: JournalEvent[] }[];
}

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
    let file: JournalFile;
    try {
      file = JSON.parse(text) as JournalFile;
    } catch {
      return { ok: false, reason: 'it is not JSON' };
    }
    const known = typeof file?.version === 'number' && file.version >= 1 && file.version <= JOURNAL_FILE_VERSION;
    if (file?.format !== 'workflow-studio-journal' || !known || !Array.isArray(file.instances)) {
      return {
        ok: false,
        reason: `it has no "format": "workflow-studio-journal", "version": 1 to ${JOURNAL_FILE_VERSION}`,
      };
    }
    try {
      for (const { summary, events } of file.instances) await memory.append(summary.id, events, summary);
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
      const file: JournalFile = { format: 'workflow-studio-journal', version: JOURNAL_FILE_VERSION, instances };
      const tmp = `${path}.tmp-${process.pid}`;
      writeFileSync(tmp, `${JSON.stringify(file, null, 1)}\n`);
      renameSync(tmp, path);
    },
  };
  return { ok: true, store };
}
