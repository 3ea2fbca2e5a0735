/**
 * The journal file: one instance's journal as a versioned JSON document (docs/journal-format.md). The studio's
 * "Export journal" writes it, "Import journal" and `workflow-studio replay` read it. Parsing never throws: a bad
 * file gets one message that says what is wrong and where (`events[3].seq: expected 4, got 7`).
 */
import { z } from 'zod';
import './zod-jitless';
import type { InstanceSummary, JournalEvent } from '../engine';
import { looksLikeCloudflareInstance } from './cloudflare-instance';
import { instanceSummarySchema, journalEventSchema, journalEventSchemaV1 } from './journal-schema';
import { describeValue, formatIssues } from './zod-issues';

/** The `format` tag of a journal file. */
export const JOURNAL_FILE_FORMAT = 'workflow-studio-journal';
/** The version this studio writes. It reads this one and every older one (version 1 had no `run-output`). */
export const JOURNAL_FILE_VERSION = 2;
/** The largest file `parseJournalFile` reads (characters of JSON text). */
export const MAX_JOURNAL_FILE_CHARS = 64 * 1024 * 1024;

/** A journal file, version 2 (an older file reads as one: {@link parseJournalValue} upgrades it). */
export interface JournalFile {
  format: typeof JOURNAL_FILE_FORMAT;
  version: typeof JOURNAL_FILE_VERSION;
  /** When it was exported: ISO 8601, e.g. `2026-03-01T12:00:00.000Z`. */
  exportedAt: string;
  /** The instance's summary row when exported (a cache derived from `events`). */
  instance: InstanceSummary;
  /** The workflow file the instance ran, when the exporter included it. */
  source?: { name: string; text: string };
  /** Every journal event of the instance, `seq` 1..n. */
  events: JournalEvent[];
}

/** Result of {@link parseJournalFile}. */
export type ParseJournalResult = { ok: true; file: JournalFile } | { ok: false; message: string };

const fileFields = {
  format: z.literal(JOURNAL_FILE_FORMAT),
  exportedAt: z.iso.datetime({ offset: true }),
  instance: instanceSummarySchema,
  source: z.strictObject({ name: z.string().min(1), text: z.string() }).optional(),
};
/** Version 1 is version 2 without `run-output` events (run()'s own prints were not journaled then). */
const fileSchema = z.discriminatedUnion('version', [
  z.strictObject({ ...fileFields, version: z.literal(1), events: z.array(journalEventSchemaV1) }),
  z.strictObject({ ...fileFields, version: z.literal(JOURNAL_FILE_VERSION), events: z.array(journalEventSchema) }),
]);

/** Assembles a file; `exportedAt` is the caller's `new Date().toISOString()` (this layer reads no clock). */
export function buildJournalFile(params: {
  instance: InstanceSummary;
  events: readonly JournalEvent[];
  source?: { name: string; text: string };
  exportedAt: string;
}): JournalFile {
  const file: JournalFile = {
    format: JOURNAL_FILE_FORMAT,
    version: JOURNAL_FILE_VERSION,
    exportedAt: params.exportedAt,
    instance: params.instance,
    events: [...params.events],
  };
  if (params.source) file.source = params.source;
  return file;
}

const line = (value: unknown) =>
  JSON.stringify(value, (key, v) => (key === 'limit' && v === Number.POSITIVE_INFINITY ? 'Infinity' : v));

/** The file's text: a header, then one event per line (readable, and diffs well). Infinity is written `"Infinity"`. */
export function serializeJournalFile(file: JournalFile): string {
  const head = [
    `  "format": ${line(file.format)}`,
    `  "version": ${line(file.version)}`,
    `  "exportedAt": ${line(file.exportedAt)}`,
    `  "instance": ${line(file.instance)}`,
    ...(file.source ? [`  "source": ${line(file.source)}`] : []),
  ];
  const events = file.events.map((e) => `    ${line(e)}`).join(',\n');
  return `{\n${head.join(',\n')},\n  "events": [\n${events}\n  ]\n}\n`;
}

/** A file name for downloads: `order-workflow-abc123.journal.json`. */
export function journalFileName(instance: Pick<InstanceSummary, 'id' | 'workflowName'>): string {
  return `${instance.workflowName}-${instance.id}.journal.json`;
}

/**
 * The same journal under another instance id (every event's `instanceId` and the summary's `id`), for importing
 * a file whose id is already taken without overwriting that instance. `id` must be a valid instance id.
 */
export function renameJournalInstance(file: JournalFile, id: string): JournalFile {
  return {
    ...file,
    instance: { ...file.instance, id },
    events: file.events.map((e) => ({ ...e, instanceId: id })),
  };
}

const invalid = (message: string): ParseJournalResult => ({ ok: false, message: `Invalid journal file: ${message}` });

/** Reads a journal file's text. */
export function parseJournalFile(text: string): ParseJournalResult {
  if (text.length > MAX_JOURNAL_FILE_CHARS) {
    const mb = (text.length / (1024 * 1024)).toFixed(1);
    return { ok: false, message: `Not imported: the file is ${mb} MB; journal files are at most 64 MB.` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `Not a journal file: it is not JSON (${(e as Error).message}).` };
  }
  return parseJournalValue(value);
}

/**
 * Validates an already parsed JSON value as a journal file (see {@link parseJournalFile}). On success the file
 * is `value` itself, with `retries.limit` of `"Infinity"` / `null` turned into `Infinity` in place, and an
 * older version upgraded in place (version 1 → 2: only the version number changes).
 */
export function parseJournalValue(value: unknown): ParseJournalResult {
  if (looksLikeCloudflareInstance(value)) {
    return {
      ok: false,
      message: `Not a journal file: this is Cloudflare's instance JSON (GET …/workflows/{workflow_name}/instances/{instance_id}); replay it with: npx workflow-studio replay --from-cloudflare INSTANCE.json FILE.py`,
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      message: `Not a journal file: the file is ${describeValue(value)}, not a JSON object with "format": "${JOURNAL_FILE_FORMAT}".`,
    };
  }
  const head = value as Record<string, unknown>;
  if (head.format !== JOURNAL_FILE_FORMAT) {
    return {
      ok: false,
      message: `Not a journal file: "format" is ${head.format === undefined ? 'missing' : describeValue(head.format)}; expected "${JOURNAL_FILE_FORMAT}".`,
    };
  }
  if (Array.isArray(head.instances)) {
    const ids = head.instances.map((i) => {
      const id = (i as { summary?: { id?: unknown } } | null)?.summary?.id;
      return id === undefined ? 'one without an id' : describeValue(id);
    });
    const holding =
      ids.length === 0 ? 'no instances' : `${ids.length} instance${ids.length === 1 ? '' : 's'} (${ids.join(', ')})`;
    return {
      ok: false,
      message: `Not a journal file: this is a "workflow-studio run --journal" store holding ${holding}, not one exported instance.`,
    };
  }
  if (typeof head.version === 'number' && head.version > JOURNAL_FILE_VERSION) {
    return {
      ok: false,
      message: `Not imported: the file was written by a newer Workflow Studio (journal format version ${head.version}); this one reads version ${JOURNAL_FILE_VERSION}.`,
    };
  }
  const parsed = fileSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) return invalid(`${formatIssues(parsed.error.issues)}.`);
  // The input itself, not zod's copy: it keeps the file's key order, so a file reads and writes back unchanged.
  const file = value as JournalFile;
  file.version = JOURNAL_FILE_VERSION;
  for (const [i, e] of parsed.data.events.entries()) {
    if (e.type === 'step-started') (file.events[i] as typeof e).config.retries.limit = e.config.retries.limit;
  }
  const problem = consistencyProblem(file);
  return problem ? invalid(`${problem}.`) : { ok: true, file };
}

/** What makes a well-typed file inconsistent: seq gaps, foreign instance ids, a summary of another journal. */
function consistencyProblem(file: JournalFile): string | undefined {
  const { instance, events } = file;
  const first = events[0];
  if (!first) return 'events: the list is empty; a journal starts with an "instance-created" event';
  if (first.type !== 'instance-created') {
    return `events[0].type: expected "instance-created" (a journal starts with it), got "${first.type}"`;
  }
  for (const [i, e] of events.entries()) {
    if (e.seq !== i + 1) return `events[${i}].seq: expected ${i + 1}, got ${e.seq}`;
    if (e.instanceId !== instance.id) {
      return `events[${i}].instanceId: expected "${instance.id}" (instance.id), got ${describeValue(e.instanceId)}`;
    }
    if (i > 0 && e.type === 'instance-created')
      return `events[${i}].type: "instance-created" may only be the first event`;
  }
  if (instance.workflowName !== first.workflowName) {
    return `instance.workflowName: expected "${first.workflowName}" (from events[0]), got ${describeValue(instance.workflowName)}`;
  }
  if (instance.lastSeq !== events.length) {
    return `instance.lastSeq: expected ${events.length} (the number of events), got ${instance.lastSeq}`;
  }
  return undefined;
}
