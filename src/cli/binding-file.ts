/**
 * Where `run --env` keeps KV, D1 and R2 contents: in memory, or with `--journal PATH` in `PATH.env.json` beside
 * the journal, so a resumed instance (after a crash, or a second call) finds what its steps stored. The file is
 * read once and rewritten atomically (temporary file, rename) when contents changed, at the same idle points
 * as the journal.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { type BindingStore, createMemoryBindingStore, type Json } from '../engine';
import { toBase64 } from '../runtime/bindings/values';
import { readProblem } from './command-args';

const FORMAT = 'workflow-studio-bindings';

interface FileRecord {
  space: string;
  key: string;
  base64: string;
  meta: Json;
}

export interface BindingFile {
  store: BindingStore;
  /** Writes the contents when they changed since the last flush. */
  flush(): Promise<void>;
}

/** The bindings file of a journal path. */
export const bindingFilePath = (journal: string) => `${journal}.env.json`;

function decode(base64: string): Uint8Array {
  return Uint8Array.from(Buffer.from(base64, 'base64'));
}

/** Opens (or starts) the file at `path`; a file that is not one of ours is refused, naming what to do. */
export function openBindingFile(path: string): { ok: true; file: BindingFile } | { ok: false; message: string } {
  const memory = createMemoryBindingStore();
  const spaces = new Set<string>();
  const records: FileRecord[] = [];
  if (existsSync(path)) {
    let value: { format?: unknown; records?: unknown };
    try {
      value = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      return { ok: false, message: `${path} (the bindings kept beside the journal) is not usable: ${readProblem(e)}` };
    }
    if (value?.format !== FORMAT || !Array.isArray(value.records)) {
      return {
        ok: false,
        message: `${path} is not a bindings file of workflow-studio (format "${FORMAT}"); move it away or pass another --journal`,
      };
    }
    records.push(...(value.records as FileRecord[]));
  }
  // The memory store keeps a put at once (its promise only reports it), so the records are there on return.
  for (const r of records) {
    spaces.add(r.space);
    void memory.put(r.space, { key: r.key, value: decode(r.base64), meta: r.meta });
  }
  let dirty = false;
  const store: BindingStore = {
    get: (space, key) => memory.get(space, key),
    list: (space, prefix) => memory.list(space, prefix),
    put: async (space, record) => {
      spaces.add(space);
      dirty = true;
      await memory.put(space, record);
    },
    delete: async (space, key) => {
      dirty = true;
      await memory.delete(space, key);
    },
  };
  return {
    ok: true,
    file: {
      store,
      async flush() {
        if (!dirty) return;
        dirty = false;
        const out: FileRecord[] = [];
        for (const space of [...spaces].sort()) {
          for (const r of await memory.list(space, '')) {
            out.push({ space, key: r.key, base64: toBase64(r.value), meta: r.meta });
          }
        }
        writeAtomically(path, `${JSON.stringify({ format: FORMAT, version: 1, records: out })}\n`);
      },
    },
  };
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, path);
  } catch (e) {
    unlinkSync(tmp);
    throw e;
  }
}
