/**
 * The studio's {@link BindingStore}: `self.env` binding contents in IndexedDB (`bindingRecords`, keyed by
 * space and key), so KV entries, R2 objects and D1 databases outlive reloads, as a file's journal does.
 */
import type { BindingStore } from '../engine';
import { guardQuota } from './storage-errors';
import type { StudioDB } from './studio-db';

export function createDexieBindingStore(db: StudioDB): BindingStore {
  return {
    async get(space, key) {
      const row = await db.bindingRecords.get([space, key]);
      return row ? { key: row.key, value: row.value, meta: row.meta } : undefined;
    },
    async put(space, record) {
      await guardQuota(`the binding record "${record.key}"`, () =>
        db.bindingRecords.put({ space, key: record.key, value: record.value, meta: record.meta }),
      );
    },
    async delete(space, key) {
      await db.bindingRecords.delete([space, key]);
    },
    async list(space, prefix) {
      const rows = await db.bindingRecords
        .where('[space+key]')
        .between([space, prefix], [space, `${prefix}\uffff`], true, true)
        .toArray();
      return rows
        .filter((r) => r.key.startsWith(prefix))
        .map((r) => ({ key: r.key, value: r.value, meta: r.meta }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
  };
}
