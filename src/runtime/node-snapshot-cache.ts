/**
 * The CLI's Python start-up snapshot on disk (Node only): "Pyodide + the workers SDK installed", the same kind
 * of Pyodide memory snapshot the studio ships for the browser (vite-plugins/python-snapshot.ts), made by the
 * first plain boot and restored by every later one. One file per key (Pyodide version + hash of the SDK's .py
 * sources), so a new Pyodide or an edited SDK misses it and makes a new one; files of other keys are removed
 * then. Writes go to a temporary file renamed into place, so parallel processes never see half a file.
 * Each file ends in an 8-byte trailer, "WSC1" then the CRC-32 of the snapshot before it (little-endian): a file
 * changed in place (same length, bytes flipped mid-memory) passes Pyodide's own header checks and would restore
 * a damaged interpreter; the checksum catches it before Pyodide sees the bytes (~10 ms for 30 MB).
 *
 * Where: `node_modules/.cache/workflow-studio/` (the node_modules holding pyodide), else — when that cannot be
 * written — `$XDG_CACHE_HOME/workflow-studio/` (default `~/.cache`); `$WORKFLOW_STUDIO_CACHE` replaces both. Anything wrong with the cache is one line
 * through `note` and Python starts without it.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { snapshotKey } from '../persistence/snapshot-key';
import { checkSnapshotShape } from './snapshot-bytes';

/** What `loadNodePython` needs of a snapshot cache. */
export interface SnapshotCache {
  /** The snapshot for `key`, or undefined (none yet, or unusable: then noted once). Never throws. */
  read(key: string): Uint8Array | undefined;
  /** Keeps `bytes` as the snapshot for `key` and drops those of other keys. Never throws (failure is noted). */
  write(key: string, bytes: Uint8Array): void;
  /** Drops the snapshot for `key` (it failed to restore). Never throws. */
  discard(key: string): void;
  /** One line for the user (stderr in the CLI). */
  note(line: string): void;
}

/** The key of a cached snapshot: the same as the browser's (persistence/snapshot-key.ts). */
export function cacheKey(pyodideVersion: string, sdkHash: string): string {
  return snapshotKey(pyodideVersion, sdkHash);
}

/**
 * The folders tried in order: node_modules/.cache/workflow-studio, then the XDG cache folder; only
 * `$WORKFLOW_STUDIO_CACHE` when that is set (a cache of its own, e.g. for CI or tests).
 */
export function snapshotCacheDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const own = env.WORKFLOW_STUDIO_CACHE?.trim();
  if (own) return [own];
  const pyodideEntry = createRequire(import.meta.url).resolve('pyodide');
  // …/node_modules/pyodide/pyodide.js → …/node_modules
  const nodeModules = dirname(dirname(pyodideEntry));
  const xdg = env.XDG_CACHE_HOME?.trim() || join(homedir(), '.cache');
  return [join(nodeModules, '.cache', 'workflow-studio'), join(xdg, 'workflow-studio')];
}

const fileName = (key: string) => `${key}.bin`;

/** A cache over `dirs` (default {@link snapshotCacheDirs}); `note` gets one line per problem. */
export function openSnapshotCache(opts: { note(line: string): void; dirs?: readonly string[] }): SnapshotCache {
  const dirs = opts.dirs ?? snapshotCacheDirs();
  const note = (line: string) => opts.note(`workflow-studio: ${line}`);
  const reason = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return {
    note,
    read(key) {
      for (const dir of dirs) {
        const path = join(dir, fileName(key));
        let bytes: Uint8Array;
        try {
          bytes = readFileSync(path);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
          note(`the Python snapshot ${path} cannot be read (${reason(error)}); starting Python without it.`);
          return undefined;
        }
        try {
          const snapshot = withoutChecksum(bytes);
          checkSnapshotShape(snapshot);
          return snapshot;
        } catch (error) {
          note(`the Python snapshot ${path} is unusable (${reason(error)}); starting Python without it.`);
          return undefined;
        }
      }
      return undefined;
    },
    write(key, bytes) {
      const failures: string[] = [];
      for (const dir of dirs) {
        const path = join(dir, fileName(key));
        const tmp = `${path}.tmp-${process.pid}`;
        try {
          mkdirSync(dir, { recursive: true });
          writeFileSync(tmp, withChecksum(bytes));
          renameSync(tmp, path);
        } catch (error) {
          removeQuietly(tmp);
          failures.push(`${dir}: ${reason(error)}`);
          continue;
        }
        dropOthers(dir, key);
        return;
      }
      note(`no Python snapshot kept (${failures.join('; ')}); the next start loads Python plainly again.`);
    },
    discard(key) {
      for (const dir of dirs) removeQuietly(join(dir, fileName(key)));
    },
  };
}

const TRAILER_MAGIC = 'WSC1';
const TRAILER_BYTES = 8;

/** `snapshot` followed by its trailer: "WSC1" and the CRC-32 of `snapshot` (u32, little-endian). */
export function withChecksum(snapshot: Uint8Array): Uint8Array {
  const out = new Uint8Array(snapshot.byteLength + TRAILER_BYTES);
  out.set(snapshot);
  out.set(new TextEncoder().encode(TRAILER_MAGIC), snapshot.byteLength);
  new DataView(out.buffer).setUint32(snapshot.byteLength + 4, crc32(snapshot), true);
  return out;
}

/** The snapshot inside a cached file; throws when its trailer is missing or its checksum does not match. */
export function withoutChecksum(file: Uint8Array): Uint8Array {
  const end = file.byteLength - TRAILER_BYTES;
  const trailer = file.subarray(Math.max(end, 0));
  if (end < 0 || new TextDecoder().decode(trailer.subarray(0, 4)) !== TRAILER_MAGIC) {
    throw new Error('The file has no checksum trailer (made by an older workflow-studio, or cut short)');
  }
  const snapshot = file.subarray(0, end);
  const stored = new DataView(file.buffer, file.byteOffset + end + 4, 4).getUint32(0, true);
  const actual = crc32(snapshot);
  if (stored !== actual) {
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    throw new Error(`Its contents do not match its checksum (CRC-32 ${hex(actual)}, stored ${hex(stored)})`);
  }
  return snapshot;
}

/** Removes `path` if it is there; a folder that cannot be reached (ENOTDIR, EACCES) is no error here. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing was written there, or it stays stale and unread: either way nothing to tell the user.
  }
}

/** Removes the snapshots of other keys (an older Pyodide or SDK) from `dir`; best effort. */
function dropOthers(dir: string, key: string): void {
  try {
    for (const name of readdirSync(dir)) {
      if (name.startsWith('pyodide-') && name.endsWith('.bin') && name !== fileName(key)) {
        rmSync(join(dir, name), { force: true });
      }
    }
  } catch {
    // A stale snapshot left behind costs disk space only; it is never read (its key no longer matches).
  }
}
