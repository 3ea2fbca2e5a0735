/**
 * Where `self.env` bindings keep their contents: KV entries, R2 objects and D1 database images, as records in
 * named spaces (`<scope>/kv/<BINDING>`, …). Implemented in memory (here: tests, the CLI) and in IndexedDB
 * (src/persistence); the bindings themselves (src/runtime/bindings) are written once against this interface.
 */
import type { Json } from './json';

/** One stored record: its key, its bytes, and a JSON description (metadata, expiration, HTTP metadata, …). */
export interface BindingRecord {
  key: string;
  value: Uint8Array;
  meta: Json;
}

export interface BindingStore {
  get(space: string, key: string): Promise<BindingRecord | undefined>;
  put(space: string, record: BindingRecord): Promise<void>;
  delete(space: string, key: string): Promise<void>;
  /** The records whose key starts with `prefix`, sorted by key (UTF-16 code units, as Cloudflare lists). */
  list(space: string, prefix: string): Promise<BindingRecord[]>;
}

/** A {@link BindingStore} in memory (the CLI's storage: gone when the process ends). */
export function createMemoryBindingStore(): BindingStore {
  const spaces = new Map<string, Map<string, BindingRecord>>();
  const space = (name: string) => {
    let s = spaces.get(name);
    if (!s) {
      s = new Map();
      spaces.set(name, s);
    }
    return s;
  };
  return {
    get: async (name, key) => space(name).get(key),
    put: async (name, record) => {
      space(name).set(record.key, record);
    },
    delete: async (name, key) => {
      space(name).delete(key);
    },
    list: async (name, prefix) =>
      [...space(name).values()]
        .filter((r) => r.key.startsWith(prefix))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}
