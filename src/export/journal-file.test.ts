import { describe, expect, it } from 'vitest';
import { reduceJournal } from '../engine';
import approvalText from './__fixtures__/approval-waiting.journal.json?raw';
import everyKindText from './__fixtures__/every-event-kind.journal.json?raw';
import invoiceText from './__fixtures__/invoice-errored.journal.json?raw';
import orderText from './__fixtures__/order-complete.journal.json?raw';
import orderV1Text from './__fixtures__/order-complete.v1.journal.json?raw';
import {
  buildJournalFile,
  type JournalFile,
  journalFileName,
  MAX_JOURNAL_FILE_CHARS,
  parseJournalFile,
  renameJournalInstance,
  serializeJournalFile,
} from './index';
import { journalEventSchema, journalEventSchemaV1 } from './journal-schema';

const GOLDEN = { orderText, invoiceText, approvalText, everyKindText };

function parsed(text: string): JournalFile {
  const result = parseJournalFile(text);
  if (!result.ok) throw new Error(result.message);
  return result.file;
}

/** The golden file as plain JSON, to break one field at a time. */
const raw = (text = orderText) => JSON.parse(text) as Record<string, unknown> & { events: Record<string, unknown>[] };
const messageOf = (value: unknown) => {
  const result = parseJournalFile(typeof value === 'string' ? value : JSON.stringify(value));
  return result.ok ? 'valid' : result.message;
};

describe('journal files', () => {
  it('reads every golden file, and writes each back byte for byte', () => {
    for (const [name, text] of Object.entries(GOLDEN)) {
      const file = parsed(text);
      expect(serializeJournalFile(file), name).toBe(text);
    }
  });

  it('covers every event kind of the engine in the golden files', () => {
    const kinds = journalEventSchema.options.map((o) => o.shape.type.value).sort();
    expect(kinds).toHaveLength(25);
    expect([...new Set(parsed(everyKindText).events.map((e) => e.type))].sort()).toEqual(kinds);
  });

  it('gives the engine journals it derives the same instance from', () => {
    for (const text of [orderText, invoiceText, approvalText, everyKindText]) {
      const { instance, events } = parsed(text);
      const view = reduceJournal(events);
      expect({ id: view.id, status: view.status, runs: view.runs.length, steps: view.steps.length }).toEqual({
        id: instance.id,
        status: instance.status,
        runs: instance.runs,
        steps: instance.steps,
      });
    }
  });

  it('reads back the key of a scripted event (event-buffered `scripted`), and refuses one that is not a string', () => {
    const file = raw(everyKindText);
    const at = file.events.findIndex((e) => e.type === 'event-buffered');
    expect(at).toBeGreaterThan(0);
    (file.events[at] as Record<string, unknown>).scripted = 'events[0]';
    const back = parseJournalFile(JSON.stringify(file));
    expect(back.ok && back.file.events[at]).toMatchObject({ type: 'event-buffered', scripted: 'events[0]' });
    (file.events[at] as Record<string, unknown>).scripted = 0;
    expect(messageOf(file)).toContain('scripted');
  });

  it('keeps an infinite retry limit, written as "Infinity"', () => {
    const file = parsed(everyKindText);
    const started = file.events.find((e) => e.type === 'step-started' && e.name === 'flaky');
    expect(started?.type === 'step-started' && started.config.retries.limit).toBe(Number.POSITIVE_INFINITY);
    expect(serializeJournalFile(file)).toContain('"limit":"Infinity"');
    const fromStore = raw(everyKindText);
    (fromStore.events[2] as { config: { retries: { limit: unknown } } }).config.retries.limit = null;
    const back = parseJournalFile(JSON.stringify(fromStore));
    expect(back.ok && back.file.events[2]?.type === 'step-started' && back.file.events[2].config.retries.limit).toBe(
      Number.POSITIVE_INFINITY,
    );
  });

  it('builds a file from an instance and its events, with the source when given', () => {
    const { instance, events, source } = parsed(orderText);
    const file = buildJournalFile({
      instance,
      events,
      exportedAt: '2026-11-26T12:00:00.000Z',
      ...(source ? { source } : {}),
    });
    expect(serializeJournalFile(file)).toBe(orderText);
    expect(journalFileName(instance)).toBe('order-workflow-order-a17.journal.json');
  });
});

describe('older versions', () => {
  it('reads a version 1 file (written before run() output was journaled) as version 2, events unchanged', () => {
    expect(raw(orderV1Text).version).toBe(1);
    const file = parsed(orderV1Text);
    expect(file.version).toBe(2);
    expect(file.events).toEqual(parsed(orderText).events);
    // Exported again, it is the version 2 file: the upgrade only changes the version number.
    expect(serializeJournalFile(file)).toBe(orderText);
  });

  it('refuses a run-output event in a version 1 file, which could not hold one', () => {
    const file = raw(orderV1Text);
    file.events.push({ ...file.events.at(-1), type: 'run-output', run: 1, text: 'hi\n', seq: file.events.length + 1 });
    expect(messageOf(file)).toMatch(/^Invalid journal file: events\[\d+\]\.type: /);
    expect(journalEventSchemaV1.options.map((o) => o.shape.type.value)).not.toContain('run-output');
  });
});

describe('renameJournalInstance()', () => {
  it('moves every event to the new id, so an import never overwrites an instance with the same id', () => {
    const file = parsed(orderText);
    const renamed = renameJournalInstance(file, 'order-a17-copy');
    expect(renamed.instance.id).toBe('order-a17-copy');
    expect(new Set(renamed.events.map((e) => e.instanceId))).toEqual(new Set(['order-a17-copy']));
    expect(parseJournalFile(serializeJournalFile(renamed)).ok).toBe(true);
    expect(file.instance.id).toBe('order-a17');
    expect(file.events[0]?.instanceId).toBe('order-a17');
  });
});

describe('parseJournalFile() on bad files: what is wrong and where', () => {
  const withEvent = (i: number, patch: Record<string, unknown>, text = orderText) => {
    const file = raw(text);
    file.events[i] = { ...file.events[i], ...patch };
    return file;
  };

  it('rejects text that is not a journal file', () => {
    expect(messageOf('{"format":')).toBe('Not a journal file: it is not JSON (Unexpected end of JSON input).');
    expect(messageOf([])).toBe(
      'Not a journal file: the file is a list, not a JSON object with "format": "workflow-studio-journal".',
    );
    expect(messageOf('null')).toBe(
      'Not a journal file: the file is null, not a JSON object with "format": "workflow-studio-journal".',
    );
    expect(messageOf('42')).toBe(
      'Not a journal file: the file is 42, not a JSON object with "format": "workflow-studio-journal".',
    );
    expect(messageOf({ format: 'har', log: {} })).toBe(
      'Not a journal file: "format" is "har"; expected "workflow-studio-journal".',
    );
    expect(messageOf({ log: {} })).toBe('Not a journal file: "format" is missing; expected "workflow-studio-journal".');
    expect(messageOf({ format: 'workflow-studio-journal', instances: [{ summary: {} }] })).toBe(
      'Not a journal file: this is a "workflow-studio run --journal" store holding 1 instance (one without an id), not one exported instance.',
    );
    expect(
      messageOf({
        format: 'workflow-studio-journal',
        version: 1,
        instances: [{ summary: { id: 'a' } }, { summary: { id: 'b' } }],
      }),
    ).toBe(
      'Not a journal file: this is a "workflow-studio run --journal" store holding 2 instances ("a", "b"), not one exported instance.',
    );
  });

  it('names the version it cannot read', () => {
    expect(messageOf({ ...raw(), version: 3 })).toBe(
      'Not imported: the file was written by a newer Workflow Studio (journal format version 3); this one reads version 2.',
    );
    expect(messageOf({ ...raw(), version: '1' })).toBe(
      'Invalid journal file: version: unknown value "1"; expected one of: 1, 2.',
    );
    expect(messageOf({ ...raw(), version: undefined })).toBe(
      'Invalid journal file: version: missing; expected one of: 1, 2.',
    );
  });

  it('refuses files larger than 64 MB', () => {
    expect(messageOf(' '.repeat(MAX_JOURNAL_FILE_CHARS + 1))).toBe(
      'Not imported: the file is 64.0 MB; journal files are at most 64 MB.',
    );
  });

  it('points at the field of the file header that is wrong', () => {
    expect(messageOf({ ...raw(), exportedAt: 'yesterday' })).toBe(
      'Invalid journal file: exportedAt: expected an ISO 8601 date-time such as "2026-03-01T12:00:00.000Z", got "yesterday".',
    );
    expect(messageOf({ ...raw(), instance: { ...(raw().instance as object), status: 'done' } })).toBe(
      'Invalid journal file: instance.status: expected one of "queued", "running", "paused", "errored", "terminated", "complete", "waiting", "waitingForPause", "unknown", got "done".',
    );
    expect(messageOf({ ...raw(), events: undefined })).toBe('Invalid journal file: events: missing (expected a list).');
    expect(messageOf({ ...raw(), comment: 'hi' })).toBe('Invalid journal file: unknown field "comment".');
    expect(messageOf({ ...raw(), source: { name: '', text: 'x' } })).toBe(
      'Invalid journal file: source.name: expected non-empty text, got "".',
    );
  });

  it('points at the event and field that is wrong', () => {
    expect(messageOf(withEvent(3, { at: 'soon' }))).toBe(
      'Invalid journal file: events[3].at: expected a number, got "soon".',
    );
    expect(messageOf(withEvent(4, { type: 'step-done' }))).toBe(
      'Invalid journal file: events[4].type: unknown value "step-done"; expected one of: instance-created, run-started, run-finished, run-errored, run-evicted, calls-replayed, divergence-detected, step-started, attempt-started, attempt-failed, step-succeeded, step-failed, sleep-started, sleep-finished, wait-started, event-received, wait-timed-out, event-buffered, wake-skipped, pause-requested, paused, resumed, terminated, restarted, run-output.',
    );
    expect(messageOf(withEvent(4, { type: undefined }))).toMatch(
      /^Invalid journal file: events\[4\]\.type: missing; expected one of: instance-created, /,
    );
    expect(messageOf(withEvent(7, { retryAt: '5s' }))).toBe(
      'Invalid journal file: events[7].retryAt: expected a number, got "5s".',
    );
    expect(messageOf(withEvent(7, { error: { name: 'ValueError' } }))).toBe(
      'Invalid journal file: events[7].error.message: missing (expected text).',
    );
    expect(messageOf(withEvent(2, { count: 0 }))).toBe(
      'Invalid journal file: events[2].count: expected a number ≥ 1, got 0.',
    );
    expect(messageOf(withEvent(2, { note: 'x', extra: 1 }))).toBe(
      'Invalid journal file: events[2]: unknown fields "note", "extra".',
    );
    expect(messageOf(withEvent(1, { reason: 'boot' }))).toBe(
      'Invalid journal file: events[1].reason: expected one of "create", "wake", "event", "resume", "restart", "recover", "skip", got "boot".',
    );
    expect(messageOf(withEvent(4, { result: () => 1 }))).toBe('Invalid journal file: events[4].result: missing.');
  });

  it('checks that seq runs 1..n and every event belongs to the instance', () => {
    expect(messageOf(withEvent(3, { seq: 7 }))).toBe('Invalid journal file: events[3].seq: expected 4, got 7.');
    expect(messageOf(withEvent(5, { instanceId: 'order-b2' }))).toBe(
      'Invalid journal file: events[5].instanceId: expected "order-a17" (instance.id), got "order-b2".',
    );
    const file = raw();
    file.events = file.events.slice(1).map((e, i) => ({ ...e, seq: i + 1 }));
    expect(messageOf(file)).toBe(
      'Invalid journal file: events[0].type: expected "instance-created" (a journal starts with it), got "run-started".',
    );
    expect(messageOf({ ...raw(), events: [] })).toBe(
      'Invalid journal file: events: the list is empty; a journal starts with an "instance-created" event.',
    );
    const twice = raw();
    twice.events[1] = { ...twice.events[0], seq: 2 };
    expect(messageOf(twice)).toBe(
      'Invalid journal file: events[1].type: "instance-created" may only be the first event.',
    );
  });

  it('checks that the instance summary belongs to these events', () => {
    const instance = raw().instance as Record<string, unknown>;
    expect(messageOf({ ...raw(), instance: { ...instance, workflowName: 'other' } })).toBe(
      'Invalid journal file: instance.workflowName: expected "order-workflow" (from events[0]), got "other".',
    );
    expect(messageOf({ ...raw(), instance: { ...instance, lastSeq: 30 } })).toBe(
      'Invalid journal file: instance.lastSeq: expected 22 (the number of events), got 30.',
    );
  });

  it('reports how many more problems there are', () => {
    const file = withEvent(3, { at: 'soon', wall: 'later' });
    expect(messageOf(file)).toBe(
      'Invalid journal file: events[3].at: expected a number, got "soon" (and 1 more problem).',
    );
  });
});
