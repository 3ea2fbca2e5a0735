/**
 * Test-only (not exported from index.ts): a real file with the synchronous API of an OPFS access handle, so
 * the write-ahead log is tested in Node on an actual file (OPFS exists only in browsers).
 */
import { closeSync, constants, fdatasyncSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import type { SyncFile } from './wal-log';

/** Opens (creating) `path` for reading and writing. */
export function openSyncFile(path: string): SyncFile & { fsyncs: number } {
  // Not 'a+': with O_APPEND, Linux ignores the position of every write.
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT);
  const file = {
    fsyncs: 0,
    read: (buffer: Uint8Array, { at }: { at: number }) => readSync(fd, buffer, 0, buffer.length, at),
    write: (buffer: Uint8Array, { at }: { at: number }) => writeSync(fd, buffer, 0, buffer.length, at),
    truncate: (size: number) => ftruncateSync(fd, size),
    flush: () => {
      fdatasyncSync(fd);
      file.fsyncs += 1;
    },
    getSize: () => fstatSync(fd).size,
    close: () => closeSync(fd),
  };
  return file;
}
