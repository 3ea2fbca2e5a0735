import { useLiveQuery } from 'dexie-react-hooks';
import type { CloudflareImportRecord } from '../../persistence';
import { studioDb } from '../data/studio-db';

/** The Cloudflare record of instance `id` (live): `null` when it was not imported from Cloudflare, `undefined` while reading. */
export function useCloudflareRecord(id: string | null): CloudflareImportRecord | null | undefined {
  return useLiveQuery(async () => (id === null ? null : ((await studioDb.cloudflareImports.get(id)) ?? null)), [id]);
}

/** Ids of every instance imported from Cloudflare (live), in import order. */
export function useCloudflareIds(): string[] {
  return (
    useLiveQuery(
      async () =>
        (await studioDb.cloudflareImports.toArray())
          .sort((a, b) => a.importedAt - b.importedAt)
          .map((r) => r.instanceId),
      [],
    ) ?? []
  );
}

/** Why an action cannot touch an instance imported from Cloudflare (the executor refuses it too). */
export const READ_ONLY_REASON =
  'Imported from Cloudflare: a record of a production run, read-only here. Use “Replay against this code” in the Instance tab.';
