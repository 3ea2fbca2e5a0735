import { describe, expect, it } from 'vitest';
import { OPEN_FILE_COPY_KEY, OPEN_FILE_COPY_MAX_CHARS, readOpenFileCopy, writeOpenFileCopy } from './open-file-copy';
import type { WorkflowFile } from './studio-db';

/** A `Storage` in memory; `full` makes every write throw as a browser's does over quota. */
function memoryStorage() {
  const items = new Map<string, string>();
  const storage = {
    full: false,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (storage.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      items.set(k, v);
    },
    removeItem: (k: string) => void items.delete(k),
  };
  return { storage, items };
}

const FILE: WorkflowFile = {
  id: 'f1',
  name: 'orders.py',
  source: 'print(1)\n',
  version: 3,
  createdAt: 1,
  updatedAt: 2,
  mocks: '{"steps": {}}',
  env: '{"vars": {"TOKEN": "secret"}}',
};

describe('open file copy', () => {
  it('round-trips the saved version, without the mocks and env (they may hold secrets)', () => {
    const { storage, items } = memoryStorage();
    writeOpenFileCopy(storage, FILE);
    expect(readOpenFileCopy(storage)).toEqual({
      id: 'f1',
      name: 'orders.py',
      source: 'print(1)\n',
      version: 3,
      createdAt: 1,
      updatedAt: 2,
    });
    expect(items.get(OPEN_FILE_COPY_KEY)).not.toContain('secret');
  });

  it('removes the copy for no file, a source too large, or a write over quota (a stale copy is never kept)', () => {
    const { storage, items } = memoryStorage();
    writeOpenFileCopy(storage, FILE);
    writeOpenFileCopy(storage, null);
    expect(readOpenFileCopy(storage)).toBeNull();
    writeOpenFileCopy(storage, FILE);
    writeOpenFileCopy(storage, { ...FILE, source: 'x'.repeat(OPEN_FILE_COPY_MAX_CHARS + 1) });
    expect(items.has(OPEN_FILE_COPY_KEY)).toBe(false);
    writeOpenFileCopy(storage, FILE);
    storage.full = true;
    expect(() => writeOpenFileCopy(storage, { ...FILE, version: 4 })).not.toThrow();
    expect(readOpenFileCopy(storage)).toBeNull();
  });

  it('reads no copy from malformed text, a wrong shape, or no storage', () => {
    const { storage, items } = memoryStorage();
    items.set(OPEN_FILE_COPY_KEY, '{not json');
    expect(readOpenFileCopy(storage)).toBeNull();
    items.set(OPEN_FILE_COPY_KEY, JSON.stringify({ ...FILE, version: '3' }));
    expect(readOpenFileCopy(storage)).toBeNull();
    expect(readOpenFileCopy(undefined)).toBeNull();
    const throwing = {
      getItem: () => {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
      setItem: () => undefined,
      removeItem: () => undefined,
    };
    expect(readOpenFileCopy(throwing)).toBeNull();
  });
});
