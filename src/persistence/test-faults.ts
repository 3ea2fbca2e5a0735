/**
 * Test-only (not exported from index.ts): makes IndexedDB itself refuse writes to one table of one database,
 * below Dexie, as a full disk does. Works for Dexie's writes and for the journal store's raw ones.
 */
import type { StudioDB } from './studio-db';

/** The error Chromium reports when the site's storage quota is used up. */
export const quotaExceeded = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** From now on every `add`/`put` on `table` of `db` throws `error()`. Returns a function that undoes it. */
export function failWritesTo(db: StudioDB, table: string, error: () => Error = quotaExceeded): () => void {
  const proto = globalThis.IDBObjectStore.prototype;
  const { add, put } = proto;
  const refusing = <F extends (...args: never[]) => IDBRequest>(original: F) =>
    function (this: IDBObjectStore, ...args: Parameters<F>): IDBRequest {
      if (this.name === table && this.transaction.db.name === db.name) throw error();
      return original.apply(this, args);
    } as unknown as F;
  proto.add = refusing(add);
  proto.put = refusing(put);
  return () => {
    proto.add = add;
    proto.put = put;
  };
}
