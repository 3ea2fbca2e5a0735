/**
 * What `replay` replays: the journal file (an exported one, or a `run --journal` store holding the instance),
 * and the events the engine resumes from. Replay = recovery after a crash just before the last run ended: the
 * run's end event is dropped, so the engine runs `run()` again from the top and serves every journaled call from
 * the journal — with the (possibly edited) code, whose divergence the engine then journals.
 */
import type { JournalEvent } from '../engine';
import {
  buildJournalFile,
  type JournalFile,
  type JournalStoreEntry,
  parseJournalFile,
  parseJournalStoreValue,
} from '../export';
import { BadInput, NotUtf8, readUtf8File } from './bad-input';
import { readProblem } from './command-args';

/** Reads `path` as a journal file; a `run --journal` store is read when it holds the instance (`id`). */
export function loadReplayJournal(path: string, id: string | undefined): JournalFile {
  let text: string;
  try {
    text = readUtf8File(path);
  } catch (e) {
    if (e instanceof NotUtf8) throw new BadInput(`cannot read ${path}: ${e.message}`);
    throw new BadInput(`cannot read ${path}: ${readProblem(e)}; pass a journal file exported from the studio`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const parsed = parseJournalFile(text);
    throw new BadInput(`${path}: ${parsed.ok ? 'not JSON' : parsed.message}`);
  }
  // One reader for both shapes: an exported journal file, or a run --journal store (same rules, same version).
  const result = parseJournalStoreValue(value);
  if (!result.ok) throw new BadInput(`${path}: ${result.message}`);
  if (result.exported) {
    if (id !== undefined && result.exported.instance.id !== id) {
      throw new BadInput(`--id ${id}: ${path} holds instance "${result.exported.instance.id}"`);
    }
    return result.exported;
  }
  return fromStore(path, result.store.instances, id);
}

/** The journal file of one instance of a validated `run --journal` store. */
function fromStore(path: string, entries: JournalStoreEntry[], id: string | undefined): JournalFile {
  const ids = entries.map((e) => e.summary.id);
  const entry =
    id === undefined ? (entries.length === 1 ? entries[0] : undefined) : entries.find((e) => e.summary.id === id);
  if (entry === undefined) {
    if (id !== undefined)
      throw new BadInput(`--id ${id} is not in ${path}; it holds: ${ids.join(', ') || 'no instances'}`);
    throw new BadInput(
      entries.length === 0
        ? `${path} holds no instances`
        : `${path} holds ${entries.length} instances (${ids.join(', ')}); choose one with --id`,
    );
  }
  return buildJournalFile({ instance: entry.summary, events: entry.events, exportedAt: new Date().toISOString() });
}

/** The events to load and what was done to them. */
export interface ReplayStart {
  events: JournalEvent[];
  /** The dropped end of the last run (finished, errored or evicted), if there was one. */
  dropped: JournalEvent | undefined;
  /** The clock time the replay starts at: when the journal ended. */
  at: number;
}

const RUN_ENDS: readonly JournalEvent['type'][] = ['run-finished', 'run-errored', 'run-evicted'];

/** Drops the final run end so that the engine re-runs `run()`; refuses a terminated instance. */
export function replayStart(file: JournalFile): ReplayStart {
  const last = file.events.at(-1) as JournalEvent;
  if (last.type === 'terminated') {
    throw new BadInput(
      `instance "${file.instance.id}" was terminated; a terminated instance never runs again, so there is nothing to replay`,
    );
  }
  const dropped = RUN_ENDS.includes(last.type) ? last : undefined;
  return { events: dropped ? file.events.slice(0, -1) : [...file.events], dropped, at: last.at };
}
