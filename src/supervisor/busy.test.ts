import { describe, expect, it } from 'vitest';
import { type StoppedAttempt, type StoppedRun, stoppedAttemptError, stoppedRunError } from '../protocol';
import { storageBusyRecord } from './busy';

/** A Storage double; `refuse` makes every write throw (quota, private mode). */
function memoryStorage(refuse = false) {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (refuse) throw new DOMException('full', 'QuotaExceededError');
      items.set(k, v);
    },
    removeItem: (k: string) => void items.delete(k),
  };
}

const spinning: StoppedAttempt = {
  instanceId: 'spin-1',
  stepName: 'spin',
  attempt: 2,
  error: stoppedAttemptError('reload', 6_000),
};

describe('storageBusyRecord()', () => {
  it('keeps the busy attempts for the next page, and forgets them when written empty', () => {
    const storage = memoryStorage();
    const record = storageBusyRecord(storage, 'k');
    record.write([spinning]);
    expect(storageBusyRecord(storage, 'k').read()).toEqual([spinning]);
    record.write([]);
    expect(storage.items.has('k')).toBe(false);
    expect(record.read()).toEqual([]);
  });

  it('reads what is not a list of stopped attempts as none, and survives a storage that refuses writes', () => {
    const storage = memoryStorage();
    for (const text of ['not json', '{"a":1}', '[{"instanceId":"x"}]']) {
      storage.items.set('k', text);
      expect(storageBusyRecord(storage, 'k').read()).toEqual([]);
    }
    storage.items.set('k', JSON.stringify([spinning, { instanceId: 1 }]));
    expect(storageBusyRecord(storage, 'k').read()).toEqual([spinning]);
    expect(() => storageBusyRecord(memoryStorage(true), 'k').write([spinning])).not.toThrow();
  });

  it('keeps the run holding Python beside the attempts, and reads a record without runs as before', () => {
    const storage = memoryStorage();
    const looping: StoppedRun = { instanceId: 'loop-1', error: stoppedRunError('reload', 3_000) };
    const record = storageBusyRecord(storage, 'k');
    record.write([spinning], [looping]);
    expect([record.read(), record.readRuns()]).toEqual([[spinning], [looping]]);
    record.write([], [looping]);
    expect([record.read(), record.readRuns()]).toEqual([[], [looping]]);
    record.write([spinning]);
    expect([JSON.parse(storage.items.get('k') ?? ''), record.readRuns()]).toEqual([[spinning], []]);
    storage.items.set('k', JSON.stringify({ attempts: [spinning], runs: [looping, { instanceId: 'x' }] }));
    expect(record.readRuns()).toEqual([looping]);
    record.write([], []);
    expect(storage.items.has('k')).toBe(false);
  });
});
