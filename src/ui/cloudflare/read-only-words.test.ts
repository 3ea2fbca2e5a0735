import { describe, expect, it } from 'vitest';
import { readOnlyHistoryNote, readOnlyReason } from './read-only-words';

describe('what the studio says about a read-only instance', () => {
  it('says an import was imported from Cloudflare, and to replay it', () => {
    const record = { label: 'order.json' };
    expect(readOnlyReason(record)).toBe(
      'Imported from Cloudflare: a record of a production run, read-only here. Use “Replay against this code” in the Instance tab.',
    );
    expect(readOnlyHistoryNote(record)).toMatch(/^☁ Imported from Cloudflare \(order\.json\), read-only: one lane/);
  });

  it('says a replay copy is a replay, never that it was imported from Cloudflare', () => {
    const record = { label: 'replay of cf-1 against wf.py', replayOf: 'cf-1' };
    expect(readOnlyReason(record)).toBe(
      'A replay of cf-1 against this code, kept read-only so it never runs on the real clock after its verdict. To run on, use “Continue here” on cf-1; Delete removes this copy.',
    );
    expect(readOnlyHistoryNote(record)).toBe(
      "↻ A replay on a virtual clock (replay of cf-1 against wf.py), read-only so it never runs on the real clock: its first lane is Cloudflare's history of cf-1, the next ones the replay against this code.",
    );
    expect(readOnlyReason(record) + readOnlyHistoryNote(record)).not.toMatch(/imported/i);
  });
});
