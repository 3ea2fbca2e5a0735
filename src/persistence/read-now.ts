import type { StudioDB } from './studio-db';

/**
 * One read in its own transaction, committed as soon as it is issued. A transaction left to commit by itself
 * ends only once this thread has handled its result and gone idle; in the executor a step body that then
 * blocks the thread (an endless loop) would keep it open — and every write to the same tables waiting behind
 * it, the journal mirror's included, so the UI would not see the step start. The executor's reads go through
 * here, not through Dexie's tables.
 */
export async function readNow(
  db: StudioDB,
  table: string,
  request: (store: IDBObjectStore) => IDBRequest,
): Promise<unknown> {
  if (!db.isOpen()) await db.open();
  return new Promise((resolve, reject) => {
    const tx = db.backendDB().transaction(table, 'readonly');
    const req = request(tx.objectStore(table));
    tx.oncomplete = () => resolve(req.result);
    tx.onabort = () =>
      reject(tx.error ?? req.error ?? new DOMException(`The read of ${table} was aborted.`, 'AbortError'));
    tx.commit();
  });
}
