/**
 * The journal's write-ahead log on one file with synchronous access: in the browser an OPFS
 * `FileSystemSyncAccessHandle` (only in a worker, one handle per file at a time), in Node tests a real file.
 * An append is one `write` (and `flush`) that has returned before the engine goes on: durable at once, with no
 * round trip to another process, which an IndexedDB commit always needs.
 */
import { type DecodedLog, decodeFrames } from './wal-frames';

/** The part of `FileSystemSyncAccessHandle` the log uses. */
export interface SyncFile {
  read(buffer: Uint8Array, options: { at: number }): number;
  write(buffer: Uint8Array, options: { at: number }): number;
  truncate(size: number): void;
  flush(): void;
  getSize(): number;
  close(): void;
}

/** The log: frames appended at its end, read back once at start, cut away once IndexedDB holds them. */
export interface WalLog {
  /** Writes one frame at the end; durable when it returns. Throws (e.g. `QuotaExceededError`) otherwise. */
  append(frame: Uint8Array): void;
  /** The intact frames of the file, decoded; a torn tail (a write the machine did not finish) is cut off. */
  recover(): DecodedLog;
  /**
   * Replaces the whole log with `frames` (none: empties it). `durable` flushes the change: needed when frames
   * coming back after a machine crash would be wrong (a deleted instance's); otherwise they are harmless, as
   * replaying what IndexedDB already holds changes nothing.
   */
  reset(frames?: readonly Uint8Array[], durable?: boolean): void;
  /** Bytes in the log now. */
  size(): number;
  close(): void;
}

/** Options of {@link createWalLog}. */
export interface WalLogOptions {
  /**
   * Flush every append to the disk (fsync). Without it an append survives a crash of the browser or the tab
   * (it is in the operating system's cache once `write` returns) but not of the machine.
   */
  flush: boolean;
}

/** A log on `file`, appending at its current end. */
export function createWalLog(file: SyncFile, options: WalLogOptions): WalLog {
  let end = file.getSize();

  const writeAll = (bytes: Uint8Array) => {
    const written = file.write(bytes, { at: end });
    if (written !== bytes.length) {
      file.truncate(end);
      throw new Error(`The journal log took ${written} of ${bytes.length} bytes; the append was undone.`);
    }
    end += written;
  };

  return {
    append(frame) {
      writeAll(frame);
      if (options.flush) file.flush();
    },
    recover() {
      const bytes = new Uint8Array(file.getSize());
      let at = 0;
      while (at < bytes.length) {
        const n = file.read(bytes.subarray(at), { at });
        if (n <= 0) break;
        at += n;
      }
      const log = decodeFrames(bytes.subarray(0, at));
      if (log.validBytes !== bytes.length) {
        file.truncate(log.validBytes);
        file.flush();
      }
      end = log.validBytes;
      return log;
    },
    reset(frames = [], durable = true) {
      file.truncate(0);
      end = 0;
      for (const frame of frames) writeAll(frame);
      if (durable || (options.flush && frames.length > 0)) file.flush();
    },
    size: () => end,
    close: () => file.close(),
  };
}
