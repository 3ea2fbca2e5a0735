import { afterEach, describe, expect, it, vi } from 'vitest';
import { JournalLogBusyError, openOpfsSyncFile } from './opfs-sync-file';
import type { SyncFile } from './wal-log';

const busy = () =>
  new DOMException(
    'Access Handles cannot be created if there is another open Access Handle',
    'NoModificationAllowedError',
  );

/** OPFS as a browser worker sees it, with a file whose handle stays taken for the first `taken` attempts. */
function stubOpfs(taken: number, error = busy) {
  const file = { close() {} } as unknown as SyncFile;
  let attempts = 0;
  const handle = {
    createSyncAccessHandle: async () => {
      attempts += 1;
      if (attempts <= taken) throw error();
      return file;
    },
  };
  const names: string[] = [];
  vi.stubGlobal('navigator', {
    storage: {
      getDirectory: async () => ({
        getFileHandle: async (name: string) => {
          names.push(name);
          return handle;
        },
      }),
    },
  });
  return { file, names, attempts: () => attempts };
}

afterEach(() => vi.unstubAllGlobals());

describe('openOpfsSyncFile', () => {
  it('gives undefined where there is no OPFS (Node, the main thread): the journal then goes to IndexedDB directly', async () => {
    vi.stubGlobal('navigator', {});
    expect(await openOpfsSyncFile('x.journal-log')).toBeUndefined();
  });

  it('waits while the previous executor still holds the file, then opens it', async () => {
    const opfs = stubOpfs(5);
    const slept: number[] = [];
    const file = await openOpfsSyncFile('db.journal-log', { sleep: async (ms) => void slept.push(ms) });
    expect(file).toBe(opfs.file);
    expect(opfs.names).toEqual(['db.journal-log']);
    expect(slept).toEqual([10, 20, 40, 50, 50]); // never more than 50 ms between tries
  });

  it('says which file is held and what to do once the wait is over', async () => {
    stubOpfs(Number.POSITIVE_INFINITY);
    const err = await openOpfsSyncFile('db.journal-log', { waitMs: 100, sleep: async () => {} }).catch((e) => e);
    expect(err).toBeInstanceOf(JournalLogBusyError);
    expect(err.message).toBe(
      "The journal's log file (db.journal-log) is still held by another executor after 120 ms — is the studio " +
        'running in another window of this browser profile? Close it, then reload this tab.',
    );
  });

  it('passes any other failure on at once', async () => {
    const opfs = stubOpfs(1, () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await expect(openOpfsSyncFile('db.journal-log', { sleep: async () => {} })).rejects.toMatchObject({
      name: 'QuotaExceededError',
    });
    expect(opfs.attempts()).toBe(1);
  });
});
