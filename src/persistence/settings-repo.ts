import type { StudioDB } from './studio-db';

/** Small user settings as key → JSON-like value. */
export function createSettingsRepo(db: StudioDB) {
  return {
    async get<T>(key: string, fallback: T): Promise<T> {
      const row = await db.settings.get(key);
      return row === undefined ? fallback : (row.value as T);
    },
    async set(key: string, value: unknown): Promise<void> {
      await db.settings.put({ key, value });
    },
  };
}

/** The handle `createSettingsRepo` returns. */
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
