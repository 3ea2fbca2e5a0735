/** Test-only: an in-memory stand-in for the OPFS directory snapshot files live in (snapshot-files.ts). */
import type { SnapshotDirectoryLike } from './snapshot-files';

const domError = (name: string, message: string) => Object.assign(new Error(message), { name });

/** How the directory behaves: a quota, and whether files offer sync access handles (as in a dedicated worker). */
export interface MemoryDirectoryOptions {
  quotaBytes?: number;
  /** 'ok': handles that read at most 2 bytes per call; 'locked': creating one fails as for a file in use. */
  syncAccess?: 'ok' | 'locked';
}

/**
 * An in-memory OPFS directory with the semantics the files rely on: a writable stream's data replaces the
 * file only on close(), and a write larger than `quotaBytes` fails the way Chromium does.
 */
export function memoryDirectory({ quotaBytes = Number.POSITIVE_INFINITY, syncAccess }: MemoryDirectoryOptions = {}) {
  const syncReads: string[] = [];
  const files = new Map<string, Uint8Array>();
  const dir: SnapshotDirectoryLike = {
    async getFileHandle(name, options) {
      if (!files.has(name)) {
        if (!options?.create) throw domError('NotFoundError', `A requested file could not be found: ${name}`);
        files.set(name, new Uint8Array());
      }
      return {
        getFile: async () => {
          const bytes = files.get(name) ?? new Uint8Array();
          return { size: bytes.byteLength, arrayBuffer: async () => bytes.slice().buffer };
        },
        createWritable: async () => {
          let pending = new Uint8Array();
          return {
            write: async (data: Uint8Array) => {
              if (data.byteLength > quotaBytes) throw domError('QuotaExceededError', 'The quota has been exceeded.');
              pending = data.slice();
            },
            close: async () => void files.set(name, pending),
            abort: async () => undefined,
          };
        },
        ...(syncAccess
          ? {
              createSyncAccessHandle: async () => {
                if (syncAccess === 'locked') {
                  throw domError(
                    'NoModificationAllowedError',
                    'Access Handles cannot be created if there is another open Access Handle or Writable stream associated with the same file.',
                  );
                }
                const bytes = files.get(name) ?? new Uint8Array();
                syncReads.push(name);
                return {
                  getSize: () => bytes.byteLength,
                  read(into: Uint8Array, { at }: { at: number }) {
                    const part = bytes.subarray(at, Math.min(at + 2, bytes.byteLength, at + into.byteLength));
                    into.set(part);
                    return part.byteLength;
                  },
                  close: () => undefined,
                };
              },
            }
          : {}),
      };
    },
    async removeEntry(name) {
      if (!files.delete(name)) throw domError('NotFoundError', `A requested file could not be found: ${name}`);
    },
    async *keys() {
      yield* [...files.keys()];
    },
  };
  return { dir, files, syncReads };
}
