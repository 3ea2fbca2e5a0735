/**
 * The CLI's `run --journal` store file (docs/journal-format.md): the journal file's `format` and `version`, and
 * an `instances` array of `{summary, events}`. It is read by the same rules as an exported journal file — each
 * instance is checked by `parseJournalValue` — so `run --journal` and `replay` refuse and accept the same
 * things: a future version, unknown fields, broken event sequences. An exported single-instance journal file is
 * accepted as a store holding that one instance.
 */
import type { InstanceSummary, JournalEvent } from '../engine';
import {
  buildJournalFile,
  JOURNAL_FILE_FORMAT,
  JOURNAL_FILE_VERSION,
  type JournalFile,
  parseJournalValue,
} from './journal-file';
import { describeValue } from './zod-issues';

/** One instance of a store file. */
export interface JournalStoreEntry {
  summary: InstanceSummary;
  events: JournalEvent[];
}

/** A `run --journal` store, version {@link JOURNAL_FILE_VERSION}. */
export interface JournalStoreFile {
  format: typeof JOURNAL_FILE_FORMAT;
  version: typeof JOURNAL_FILE_VERSION;
  instances: JournalStoreEntry[];
}

/** Result of {@link parseJournalStoreValue}; `exported` is the file when the value was an exported journal. */
export type ParseJournalStoreResult =
  | { ok: true; store: JournalStoreFile; exported?: JournalFile }
  | { ok: false; message: string };

const STORE_KEYS = ['format', 'version', 'instances'];
const ENTRY_KEYS = ['summary', 'events'];
// Entries have no export date; a fixed one lets the exported-file rules check everything else.
const NO_DATE = '1970-01-01T00:00:00.000Z';

const fail = (message: string): ParseJournalStoreResult => ({ ok: false, message });
const unknownKey = (value: object, allowed: string[]) => Object.keys(value).find((k) => !allowed.includes(k));

/** Validates a parsed JSON value as a store file, or as an exported journal file (a store of one instance). */
export function parseJournalStoreValue(value: unknown): ParseJournalStoreResult {
  const head = value as Record<string, unknown> | null;
  if (typeof head !== 'object' || head === null || Array.isArray(head) || !Array.isArray(head.instances)) {
    const parsed = parseJournalValue(value);
    if (!parsed.ok) return parsed;
    const { instance, events } = parsed.file;
    return {
      ok: true,
      store: { format: JOURNAL_FILE_FORMAT, version: JOURNAL_FILE_VERSION, instances: [{ summary: instance, events }] },
      exported: parsed.file,
    };
  }
  if (head.format !== JOURNAL_FILE_FORMAT) {
    return fail(
      `Not a journal file: "format" is ${head.format === undefined ? 'missing' : describeValue(head.format)}; expected "${JOURNAL_FILE_FORMAT}".`,
    );
  }
  if (typeof head.version === 'number' && head.version > JOURNAL_FILE_VERSION) {
    return fail(
      `Not read: the file was written by a newer Workflow Studio (journal format version ${head.version}); this one reads version ${JOURNAL_FILE_VERSION}.`,
    );
  }
  if (head.version !== JOURNAL_FILE_VERSION) {
    return fail(`Invalid journal file: version: expected ${JOURNAL_FILE_VERSION}, got ${describeValue(head.version)}.`);
  }
  const extra = unknownKey(head, STORE_KEYS);
  if (extra !== undefined)
    return fail(`Invalid journal file: unknown field "${extra}" (a store has ${STORE_KEYS.join(', ')}).`);
  const ids = new Set<string>();
  for (const [i, entry] of (head.instances as unknown[]).entries()) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      return fail(
        `Invalid journal file: instances[${i}]: expected an object {summary, events}, got ${describeValue(entry)}.`,
      );
    }
    const extraKey = unknownKey(entry, ENTRY_KEYS);
    if (extraKey !== undefined) {
      return fail(
        `Invalid journal file: instances[${i}]: unknown field "${extraKey}" (an instance has summary, events).`,
      );
    }
    const { summary, events } = entry as { summary?: InstanceSummary; events?: unknown };
    const parsed = parseJournalValue(
      buildJournalFile({
        instance: summary as InstanceSummary,
        events: (events ?? []) as JournalEvent[],
        exportedAt: NO_DATE,
      }),
    );
    if (!parsed.ok) {
      const where = parsed.message.replace(/^Invalid journal file: /, '').replaceAll('instance.', 'summary.');
      return fail(`Invalid journal file: instances[${i}]: ${where}`);
    }
    if (ids.has(parsed.file.instance.id)) {
      return fail(`Invalid journal file: instances[${i}]: instance "${parsed.file.instance.id}" appears twice.`);
    }
    ids.add(parsed.file.instance.id);
  }
  return { ok: true, store: head as unknown as JournalStoreFile };
}
