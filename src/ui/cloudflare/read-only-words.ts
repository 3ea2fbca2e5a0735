/**
 * What the studio says about a read-only instance (one with a `cloudflareImports` record): either imported from
 * Cloudflare — a record of a production run — or the `<id>-replay` copy "Replay against this code" keeps
 * (`replayOf`), which ran here on a virtual clock and was never on Cloudflare. Each gets its own words: what it
 * is, why it is read-only, and what to do instead. The executor refuses the same actions in its own words
 * (src/executor/read-only.ts).
 */
import type { CloudflareImportRecord } from '../../persistence';

type ReadOnlyRecord = Pick<CloudflareImportRecord, 'label' | 'replayOf'>;

/** Why an action (or "restart from here") cannot touch this instance. */
export function readOnlyReason(record: ReadOnlyRecord): string {
  if (record.replayOf === undefined) {
    return 'Imported from Cloudflare: a record of a production run, read-only here. Use “Replay against this code” in the Instance tab.';
  }
  return `A replay of ${record.replayOf} against this code, kept read-only so it never runs on the real clock after its verdict. To run on, use “Continue here” on ${record.replayOf}; Delete removes this copy.`;
}

/** The note over the history of a read-only instance. */
export function readOnlyHistoryNote(record: ReadOnlyRecord): string {
  if (record.replayOf === undefined) {
    return `☁ Imported from Cloudflare (${record.label}), read-only: one lane, because Cloudflare does not expose its replays (how often run() ran again), so its history is drawn as one run at the times Cloudflare recorded.`;
  }
  return `↻ A replay on a virtual clock (${record.label}), read-only so it never runs on the real clock: its first lane is Cloudflare's history of ${record.replayOf}, the next ones the replay against this code.`;
}
