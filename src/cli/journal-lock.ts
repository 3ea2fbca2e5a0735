/**
 * The `--journal` file's lock: one process at a time reads and writes a journal file. The lock is a file beside
 * the journal (`<journal>.lock`) created exclusively (`O_CREAT | O_EXCL`) and holding the owner's process id; it
 * is removed when the owner closes the journal. A lock whose process no longer exists (killed, crashed) is
 * stale and taken over. Node has no portable `flock`, and a lock file also works on network file systems.
 */
import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** A held lock: `release()` removes the lock file (idempotent). */
export interface JournalLock {
  release(): void;
}

/** Why the lock could not be taken: `message` is the one stderr line (without `error: `). */
export type LockResult = { ok: true; lock: JournalLock } | { ok: false; message: string };

/** A lock file younger than this with no process id in it is being written by its owner right now. */
const UNREADABLE_GRACE_MS = 10_000;

/** Whether process `pid` exists on this machine (a signal-0 probe; EPERM means it exists, owned by another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process id in a lock file, `undefined` when it holds none (being written, or garbage), `null` when gone. */
function lockOwner(lockPath: string): number | undefined | null {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Why a file cannot be created in the journal's folder, in words. */
export function writeProblem(path: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const folder = dirname(path);
  if (code === 'EACCES' || code === 'EPERM') return `permission denied: the folder ${folder} is not writable`;
  if (code === 'EROFS') return `the folder ${folder} is on a read-only file system`;
  if (code === 'ENOENT') return `the folder ${folder} does not exist`;
  if (code === 'ENOTDIR') return `${folder} is not a folder`;
  if (code === 'EISDIR') return `${path} is a folder`;
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EDQUOT') return 'the disk quota is exceeded';
  return (e as Error).message;
}

/** Creates the lock file with our process id, or throws its `EEXIST` (or why it cannot be created). */
function create(lockPath: string): void {
  const fd = openSync(lockPath, 'wx', 0o644);
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Takes over the lock file of dead process `stale`: moves it aside, and puts it back if the file moved was not
 * the stale one any more (another process took it over in between); true when the lock file is gone.
 */
function clearStale(lockPath: string, stale: number | undefined): boolean {
  const aside = `${lockPath}.stale-${process.pid}`;
  try {
    renameSync(lockPath, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw e;
  }
  if (lockOwner(aside) === stale) {
    unlinkSync(aside);
    return true;
  }
  // Someone else's fresh lock: put it back unless a third process already made a new one.
  try {
    linkSync(aside, lockPath);
  } catch {}
  unlinkSync(aside);
  return false;
}

/** Locks `journalPath` for this process, taking over a stale lock; says who holds it otherwise. */
export function lockJournal(journalPath: string): LockResult {
  const lockPath = `${journalPath}.lock`;
  for (let round = 0; round < 5; round++) {
    try {
      create(lockPath);
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        process.removeListener('exit', release);
        try {
          if (lockOwner(lockPath) === process.pid) unlinkSync(lockPath);
        } catch {}
      };
      process.once('exit', release);
      return { ok: true, lock: { release } };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        return {
          ok: false,
          message: `--journal ${journalPath} cannot be written: ${writeProblem(lockPath, e)}; pass a path in a folder you can write`,
        };
      }
    }
    const owner = lockOwner(lockPath);
    if (owner === null) continue;
    if (owner !== undefined && processAlive(owner)) {
      return {
        ok: false,
        message: `the journal ${journalPath} is in use by process ${owner}; wait for it to finish, or pass another --journal`,
      };
    }
    if (owner === undefined) {
      let age = 0;
      try {
        age = Date.now() - statSync(lockPath).mtimeMs;
      } catch {}
      if (age < UNREADABLE_GRACE_MS) {
        return {
          ok: false,
          message: `the journal ${journalPath} is in use by another process (${lockPath} was just created); try again`,
        };
      }
    }
    clearStale(lockPath, owner);
  }
  return { ok: false, message: `the journal ${journalPath} is in use by another process (${lockPath}); try again` };
}
