import { useLiveQuery } from 'dexie-react-hooks';
import type { InstanceStatus } from '../../engine';
import type { CloudflareImportRecord } from '../../persistence';
import { studioDb } from '../data/studio-db';

/** The Cloudflare record of instance `id` (live): `null` when it was not imported from Cloudflare, `undefined` while reading. */
export function useCloudflareRecord(id: string | null): CloudflareImportRecord | null | undefined {
  return useLiveQuery(async () => (id === null ? null : ((await studioDb.cloudflareImports.get(id)) ?? null)), [id]);
}

/** Ids of every instance imported from Cloudflare (live), in import order; not the replay copies (`replayOf`). */
export function useCloudflareIds(): string[] {
  return (
    useLiveQuery(
      async () =>
        (await studioDb.cloudflareImports.toArray())
          .filter((r) => r.replayOf === undefined)
          .sort((a, b) => a.importedAt - b.importedAt)
          .map((r) => r.instanceId),
      [],
    ) ?? []
  );
}

/**
 * Cloudflare's status of every imported instance whose history here stops early (a truncated output, an
 * unknown step type), by id (live): its journal ends without the run's end, so it reads as running here.
 */
export function useCloudflareStatuses(): ReadonlyMap<string, InstanceStatus> {
  return (
    useLiveQuery(
      async () =>
        new Map(
          (await studioDb.cloudflareImports.toArray()).filter((r) => r.stop).map((r) => [r.instanceId, r.status]),
        ),
      [],
    ) ?? NO_STATUSES
  );
}

const NO_STATUSES: ReadonlyMap<string, InstanceStatus> = new Map();

/** The rows with Cloudflare's status where the imported history stops early (`statuses`); the others as they are. */
export function withCloudflareStatus<T extends { id: string; status: InstanceStatus }>(
  rows: readonly T[],
  statuses: ReadonlyMap<string, InstanceStatus>,
): T[] {
  if (statuses.size === 0) return [...rows];
  return rows.map((r) => {
    const status = statuses.get(r.id);
    return status === undefined ? r : { ...r, status };
  });
}
