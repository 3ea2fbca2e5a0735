/**
 * Pyodide memory snapshots as files in the origin-private file system (OPFS), one file per key. Reading ~30 MB
 * back is a plain file read (~25 ms in Chromium) instead of an IndexedDB value (~50–140 ms, most of it on the
 * worker's thread, deserializing), and the warm start waits for that read before Python can be instantiated.
 * `createSnapshotRepo` uses these files when the browser has OPFS and keeps IndexedDB as the fallback.
 */

/** The part of an OPFS `FileSystemWritableFileStream` used here. */
interface WritableLike {
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/** The part of an OPFS `FileSystemSyncAccessHandle` (dedicated workers only) used here. */
interface SyncAccessLike {
  getSize(): number;
  read(into: Uint8Array, options: { at: number }): number;
  close(): void;
}

/** The part of an OPFS `FileSystemFileHandle` used here. */
export interface SnapshotFileLike {
  getFile(): Promise<{ arrayBuffer(): Promise<ArrayBuffer> }>;
  createWritable(): Promise<WritableLike>;
  createSyncAccessHandle?(): Promise<SyncAccessLike>;
}

/** The part of an OPFS `FileSystemDirectoryHandle` used here; tests pass an in-memory one. */
export interface SnapshotDirectoryLike {
  getFileHandle(name: string, options?: { create?: boolean }): Promise<SnapshotFileLike>;
  removeEntry(name: string): Promise<void>;
  keys(): AsyncIterable<string>;
}

/** Snapshot bytes by key, in one directory. */
export interface SnapshotFiles {
  /** Whether a file exists for `key` (it may be empty: see `read`). */
  has(key: string): Promise<boolean>;
  /** The bytes stored under `key`, or undefined when there are none. */
  read(key: string): Promise<Uint8Array | undefined>;
  /** Stores `bytes` under `key` (atomically: a reader sees the old file or the whole new one) and drops every other key. */
  write(key: string, bytes: Uint8Array): Promise<void>;
  remove(key: string): Promise<void>;
}

const isNotFound = (e: unknown) => (e as { name?: unknown } | null)?.name === 'NotFoundError';

/**
 * The file's bytes. In a dedicated worker a sync access handle reads straight into one buffer (~20 ms for
 * 30 MB, against ~30–150 ms through `getFile()`, which copies via a blob); it is exclusive, so when another
 * handle holds the file (a replaced worker still writing) the blob read is the fallback.
 */
async function readAll(handle: SnapshotFileLike): Promise<Uint8Array> {
  if (handle.createSyncAccessHandle) {
    let access: SyncAccessLike | undefined;
    try {
      access = await handle.createSyncAccessHandle();
    } catch {
      // locked: read through getFile() below
    }
    if (access) {
      try {
        const bytes = new Uint8Array(access.getSize());
        let at = 0;
        while (at < bytes.byteLength) {
          const n = access.read(bytes.subarray(at), { at });
          if (n <= 0) throw new Error(`The snapshot file ended after ${at} of ${bytes.byteLength} bytes`);
          at += n;
        }
        return bytes;
      } finally {
        access.close();
      }
    }
  }
  return new Uint8Array(await (await handle.getFile()).arrayBuffer());
}

/** File names are keys; `snapshotKey` makes only letters, digits, dots and dashes. */
const SUFFIX = '.snapshot';
function fileName(key: string): string {
  if (!/^[\w.-]+$/.test(key)) throw new Error(`Not a snapshot key: ${JSON.stringify(key)}`);
  return `${key}${SUFFIX}`;
}

/** Snapshot files in `dir`. */
export function createSnapshotFiles(dir: SnapshotDirectoryLike): SnapshotFiles {
  const open = async (key: string) => {
    try {
      return await dir.getFileHandle(fileName(key));
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  };
  // An empty file is no snapshot: `getFileHandle(…, { create: true })` makes one before the data is written,
  // and it stays empty when the page goes away before the stream is closed. `has` does not look (one round
  // trip less on the way to a warm start); `read` then finds nothing, and the boot falls back to a plain load.
  return {
    async has(key) {
      return (await open(key)) !== undefined;
    },
    async read(key) {
      const handle = await open(key);
      if (!handle) return undefined;
      const bytes = await readAll(handle);
      return bytes.byteLength > 0 ? bytes : undefined;
    },
    async write(key, bytes) {
      const name = fileName(key);
      const handle = await dir.getFileHandle(name, { create: true });
      // A writable stream writes a swap file that replaces the file on close(); abort() discards it.
      const stream = await handle.createWritable();
      try {
        await stream.write(bytes);
        await stream.close();
      } catch (e) {
        await stream.abort().catch(() => undefined);
        throw e;
      }
      const stale: string[] = [];
      for await (const entry of dir.keys()) if (entry !== name) stale.push(entry);
      await Promise.all(stale.map((entry) => dir.removeEntry(entry).catch(() => undefined)));
    },
    async remove(key) {
      try {
        await dir.removeEntry(fileName(key));
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    },
  };
}

/** The part of `navigator.storage` used to reach OPFS. */
export interface StorageManagerLike {
  getDirectory?(): Promise<unknown>;
}

/** The directory snapshots live in, inside OPFS. */
const SNAPSHOT_DIR = 'pyodide-snapshots';

/**
 * Snapshot files in OPFS, or undefined when this browser has no OPFS with writable streams (then snapshots
 * stay in IndexedDB). Opening the directory is a few ms; nothing is read until asked.
 */
export async function openSnapshotFiles(storage: StorageManagerLike | undefined): Promise<SnapshotFiles | undefined> {
  if (typeof storage?.getDirectory !== 'function') return undefined;
  if (typeof FileSystemFileHandle === 'undefined' || !('createWritable' in FileSystemFileHandle.prototype)) {
    return undefined;
  }
  try {
    const root = (await storage.getDirectory()) as FileSystemDirectoryHandle;
    const dir = await root.getDirectoryHandle(SNAPSHOT_DIR, { create: true });
    return createSnapshotFiles(dir as unknown as SnapshotDirectoryLike);
  } catch {
    return undefined; // e.g. a private window that refuses OPFS
  }
}

/** The snapshot file found before anyone asked for a key (`readStoredSnapshot`): its key, its bytes on the way. */
export interface StoredSnapshot {
  key: string;
  /** Its bytes, being read; undefined when the file is empty (a write cut short) or could not be read. */
  bytes: Promise<Uint8Array | undefined>;
}

/**
 * The snapshot stored in OPFS, whatever its key (only the current key is kept, so there is at most one), found
 * and read without writing anything (the directory is not created): the executor worker begins this before it
 * knows the key or whether its tab leads, and uses it only if the key is the one it needs. Resolves once the
 * file is found (its bytes follow); undefined when there is none or OPFS cannot be reached.
 */
export async function readStoredSnapshot(root: Promise<unknown> | undefined): Promise<StoredSnapshot | undefined> {
  try {
    const top = (await root) as FileSystemDirectoryHandle | undefined;
    if (!top) return undefined;
    const dir = (await top.getDirectoryHandle(SNAPSHOT_DIR)) as unknown as SnapshotDirectoryLike;
    for await (const name of dir.keys()) {
      if (!name.endsWith(SUFFIX)) continue;
      // Through a blob, not an exclusive sync access handle: the read runs off this thread while the worker
      // evaluates its code, and never locks the file against another tab that is writing it.
      const bytes = dir
        .getFileHandle(name)
        .then((handle) => handle.getFile())
        .then(async (file) => new Uint8Array(await file.arrayBuffer()))
        .then((b) => (b.byteLength > 0 ? b : undefined))
        .catch(() => undefined);
      return { key: name.slice(0, -SUFFIX.length), bytes };
    }
  } catch {
    // no directory yet, a private window that refuses OPFS: the boot looks itself
  }
  return undefined;
}

/**
 * `files`, answering for `stored`'s key from the bytes read before (once: the ~30 MB are dropped after that
 * read; the file itself when they could not be read) instead of reading the file again.
 */
export function withStoredSnapshot(files: SnapshotFiles, stored: StoredSnapshot | undefined): SnapshotFiles {
  let kept = stored;
  return {
    ...files,
    has: async (key) => kept?.key === key || files.has(key),
    async read(key) {
      const early = kept?.key === key ? kept.bytes : undefined;
      kept = undefined;
      return (await early) ?? files.read(key);
    },
  };
}
