/** The browser refused to store more data. Nothing of the failed write was kept; earlier data is intact. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
  constructor(what: string, options?: { cause?: unknown }) {
    super(
      `The browser's storage for this site is full, so ${what} could not be saved. Nothing already saved was lost. ` +
        'Delete old instances or snapshots (or free disk space) and try again.',
      options,
    );
  }
}

/** True for the quota errors IndexedDB and Dexie raise (Dexie wraps DOMException 'QuotaExceededError'). */
export function isQuotaError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { name, inner } = e as { name?: unknown; inner?: unknown };
  return name === 'QuotaExceededError' || (inner !== undefined && isQuotaError(inner));
}

/** Runs a write and turns a quota failure into a StorageFullError that says what was being saved. */
export async function guardQuota<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isQuotaError(e)) throw new StorageFullError(what, { cause: e });
    throw e;
  }
}

/** Another writer (a second tab's executor) already journaled these sequence numbers; this write was dropped. */
export class JournalConflictError extends Error {
  override name = 'JournalConflictError';
  constructor(instanceId: string, firstSeq: number, options?: { cause?: unknown }) {
    super(
      `Event #${firstSeq} of instance "${instanceId}" was already journaled by another executor (another tab?). ` +
        'This write was dropped so nothing runs twice; the instance continues from the journal.',
      options,
    );
  }
}

/** True when a Dexie bulk write failed on a key that already exists. */
export function isConstraintError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { name, failures } = e as { name?: unknown; failures?: unknown };
  if (name === 'ConstraintError') return true;
  return Array.isArray(failures) && failures.some(isConstraintError);
}
