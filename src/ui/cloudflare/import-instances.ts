/**
 * Writes a planned Cloudflare import, all or nothing: for each instance its record first (so the executor
 * treats it as read-only from its first moment), then its journal, linked to the open file. When one fails
 * (a write error, an id taken since the plan), every instance this import wrote is deleted again — journal,
 * summary, file link and record — so nothing of it is left.
 */
import type { StudioDB } from '../../persistence';
import { errorText } from '../actions/run-workflow';
import type { StudioClient } from '../client/studio-client';
import type { PlannedImport } from './cloudflare-import';

/** An import that failed; nothing of it was kept. */
export class CloudflareImportError extends Error {
  override name = 'CloudflareImportError';
}

/** Imports `planned` into the executor under `fileId`; resolves with the ids, or throws why (nothing written). */
export async function importPlanned(
  client: Pick<StudioClient, 'importJournal' | 'deleteInstances'>,
  db: Pick<StudioDB, 'cloudflareImports'>,
  planned: readonly PlannedImport[],
  fileId: string,
): Promise<string[]> {
  const done: string[] = [];
  for (const p of planned) {
    let recorded = false;
    try {
      // `add`, not `put`: the record of an instance imported since the plan under this id is not ours to replace.
      await db.cloudflareImports.add({ ...p.record, importedAt: Date.now() });
      recorded = true;
      await client.importJournal({ events: p.events, fileId });
    } catch (e) {
      await undo(client, db, done, recorded ? p.id : null);
      throw new CloudflareImportError(`${p.imported.label}: ${p.id} could not be imported: ${errorText(e)}`);
    }
    done.push(p.id);
  }
  return done;
}

async function undo(
  client: Pick<StudioClient, 'deleteInstances'>,
  db: Pick<StudioDB, 'cloudflareImports'>,
  done: readonly string[],
  failed: string | null,
): Promise<void> {
  if (failed !== null) await db.cloudflareImports.delete(failed);
  if (done.length === 0) return;
  await client.deleteInstances([...done]); // the executor forgets their records too
  await db.cloudflareImports.bulkDelete([...done]);
}
