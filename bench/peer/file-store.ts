/**
 * A file-backed {@link JournalStore} for the peer benchmark, so that our engine is measured persisting to disk
 * the way miniflare's engine does (SQLite files it fsyncs). One JSON-lines file per instance; one line per
 * `append` holding that transition's events and the summary, written with a single `write` and (with
 * `fsync: true`) followed by `fdatasync`, so an acknowledged append survives a crash of the process or the
 * machine. A torn last line (a crash mid-write) is ignored on read: the append it belonged to was never
 * acknowledged. Bench-only: the studio's own durable store is Dexie (src/persistence).
 */
import { closeSync, fdatasyncSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { InstanceSummary, JournalEvent, JournalStore } from '../../src/engine';

export interface FileJournalStore extends JournalStore {
  /** Appends written and fdatasync calls made so far. */
  readonly stats: { appends: number; syncs: number; bytes: number };
  /** Closes the open files. The store is unusable afterwards. */
  close(): Promise<void>;
}

interface Line {
  events: JournalEvent[];
  summary: InstanceSummary;
}

const SUFFIX = '.jsonl';

export async function createFileJournalStore(dir: string, opts: { fsync: boolean }): Promise<FileJournalStore> {
  await mkdir(dir, { recursive: true });
  /** Open file descriptors, one per instance. */
  const handles = new Map<string, number>();
  const lastSeq = new Map<string, number>();
  const summaries = new Map<string, InstanceSummary>();
  const queues = new Map<string, Promise<unknown>>();
  const stats = { appends: 0, syncs: 0, bytes: 0 };
  const fileOf = (id: string) => join(dir, `${encodeURIComponent(id)}${SUFFIX}`);

  const readLines = async (id: string): Promise<Line[]> => {
    let text: string;
    try {
      text = await readFile(fileOf(id), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const lines: Line[] = [];
    for (const raw of text.split('\n')) {
      if (!raw) continue;
      try {
        lines.push(JSON.parse(raw) as Line);
      } catch {
        break; // a torn tail: never acknowledged
      }
    }
    return lines;
  };

  /** Runs appends to one instance one after another, as the format needs whole lines in order. */
  const serial = <T>(id: string, task: () => Promise<T>): Promise<T> => {
    const next = (queues.get(id) ?? Promise.resolve()).then(task, task);
    queues.set(
      id,
      next.catch(() => undefined),
    );
    return next;
  };

  // Synchronous write + fdatasync, as SQLite does in workerd: a durable append of ~1 KB takes tens of
  // microseconds, and libuv's thread-pool round trip (fs/promises) would cost more than the disk on a loaded
  // machine. The event loop is blocked only for that long.
  const handleFor = (id: string): number => {
    const known = handles.get(id);
    if (known !== undefined) return known;
    const fd = openSync(fileOf(id), 'a');
    handles.set(id, fd);
    if (opts.fsync) {
      // Make the new file's directory entry durable too.
      const d = openSync(dir, 'r');
      try {
        fsyncSync(d);
      } finally {
        closeSync(d);
      }
    }
    return fd;
  };

  const seqOf = async (id: string): Promise<number> => {
    const known = lastSeq.get(id);
    if (known !== undefined) return known;
    const lines = await readLines(id);
    const seq = lines.at(-1)?.events.at(-1)?.seq ?? 0;
    lastSeq.set(id, seq);
    return seq;
  };

  const getInstance = async (id: string): Promise<InstanceSummary | undefined> => {
    const cached = summaries.get(id);
    if (cached) return { ...cached };
    const last = (await readLines(id)).at(-1);
    if (!last) return undefined;
    summaries.set(id, last.summary);
    return { ...last.summary };
  };

  return {
    stats,
    append(instanceId, events, summary) {
      return serial(instanceId, async () => {
        let expected = (await seqOf(instanceId)) + 1;
        for (const event of events) {
          if (event.instanceId !== instanceId || event.seq !== expected) {
            throw new Error(`Journal "${instanceId}" expected seq ${expected}, got ${event.instanceId}#${event.seq}`);
          }
          expected += 1;
        }
        const line = `${JSON.stringify({ events, summary })}\n`;
        const fd = handleFor(instanceId);
        writeSync(fd, line);
        if (opts.fsync) {
          fdatasyncSync(fd);
          stats.syncs += 1;
        }
        stats.appends += 1;
        stats.bytes += Buffer.byteLength(line);
        lastSeq.set(instanceId, expected - 1);
        summaries.set(instanceId, { ...summary });
      });
    },
    async read(instanceId) {
      return (await readLines(instanceId)).flatMap((l) => l.events);
    },
    getInstance,
    async listInstances() {
      const names = (await readdir(dir)).filter((n) => n.endsWith(SUFFIX));
      const out: InstanceSummary[] = [];
      for (const name of names) {
        const s = await getInstance(decodeURIComponent(name.slice(0, -SUFFIX.length)));
        if (s) out.push(s);
      }
      return out;
    },
    deleteInstance(id) {
      return serial(id, async () => {
        const fd = handles.get(id);
        if (fd !== undefined) closeSync(fd);
        handles.delete(id);
        lastSeq.delete(id);
        summaries.delete(id);
        await rm(fileOf(id), { force: true });
      });
    },
    async close() {
      await Promise.all([...queues.values()]);
      for (const fd of handles.values()) closeSync(fd);
      handles.clear();
    },
  };
}
