/**
 * Instances the executor never runs or acts on (but deletes): those with a `cloudflareImports` row. Either one
 * imported from Cloudflare — a record of a production run — or the `<id>-replay` copy "Replay against this code"
 * keeps (`replayOf`): a replay on a virtual clock, kept so its lanes and divergence can be read, which must never
 * go on running on the real clock. Each refusal says which it is, why, and what to do instead.
 */
import { WorkflowError } from '../engine';
import type { CloudflareImportRecord, ExecutorRepo } from '../persistence';

/** The refusal of an action on read-only instance `id` (`record`: its Cloudflare row). */
export function readOnlyRefusal(id: string, record: Pick<CloudflareImportRecord, 'replayOf'>): string {
  if (record.replayOf === undefined) {
    return `Instance "${id}" was imported from Cloudflare and is read-only: replay it against your code instead.`;
  }
  const of = record.replayOf;
  return `Instance "${id}" is a replay of "${of}" against your code, kept read-only so it never runs on the real clock: use "Continue here" on "${of}" to run on from its history, or delete this copy.`;
}

/** `id` when the executor may act on it; otherwise throws the refusal that says why not. */
export async function writableId(repo: Pick<ExecutorRepo, 'readOnlyRecord'>, id: string): Promise<string> {
  const record = await repo.readOnlyRecord(id);
  if (record) throw new WorkflowError(readOnlyRefusal(id, record));
  return id;
}
