/**
 * Opens the journal's write-ahead log file in the origin private file system (OPFS) with a synchronous access
 * handle. Only a dedicated worker can do this, and only one handle per file may be open: the executor of the
 * leader tab holds it for its life, and the browser releases it when that worker ends (closed tab, crash).
 */
import type { SyncFile } from './wal-log';

/** Options of {@link openOpfsSyncFile}. */
export interface OpenOpfsOptions {
  /**
   * How long to keep asking while another handle holds the file: a worker that was just terminated (a crash,
   * a kill, a reload) may not have released it yet. Default 5 000 ms.
   */
  waitMs?: number;
  /** Sleeps between attempts (default `setTimeout`). */
  sleep?(ms: number): Promise<void>;
}

/** Thrown when another executor keeps the log file for longer than {@link OpenOpfsOptions.waitMs}. */
export class JournalLogBusyError extends Error {
  override name = 'JournalLogBusyError';
  constructor(fileName: string, waitedMs: number, options?: { cause?: unknown }) {
    super(
      `The journal's log file (${fileName}) is still held by another executor after ${waitedMs} ms — is the ` +
        'studio running in another window of this browser profile? Close it, then reload this tab.',
      options,
    );
  }
}

interface OpfsFileHandle {
  createSyncAccessHandle?(): Promise<SyncFile>;
}

/**
 * The file `fileName` in OPFS, created if missing, or `undefined` where this context has no synchronous OPFS
 * access (Node, the main thread, an old browser): the caller then journals to IndexedDB directly.
 */
export async function openOpfsSyncFile(fileName: string, options: OpenOpfsOptions = {}): Promise<SyncFile | undefined> {
  const storage = (globalThis as { navigator?: { storage?: { getDirectory?(): Promise<FileSystemDirectoryHandle> } } })
    .navigator?.storage;
  if (typeof storage?.getDirectory !== 'function') return undefined;
  const root = await storage.getDirectory();
  const handle = (await root.getFileHandle(fileName, { create: true })) as unknown as OpfsFileHandle;
  if (typeof handle.createSyncAccessHandle !== 'function') return undefined;
  const waitMs = options.waitMs ?? 5_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let waited = 0;
  // At most 50 ms between tries: a restart to apply a Terminate waits on this before it can journal it.
  for (let pause = 10; ; pause = Math.min(pause * 2, 50)) {
    try {
      return await handle.createSyncAccessHandle();
    } catch (error) {
      // Chromium: NoModificationAllowedError while another handle (or a writable stream) holds the file.
      if ((error as { name?: unknown }).name !== 'NoModificationAllowedError') throw error;
      if (waited >= waitMs) throw new JournalLogBusyError(fileName, waited, { cause: error });
      await sleep(pause);
      waited += pause;
    }
  }
}
