import { describe, expect, it } from 'vitest';
import { createLearnProgress, LEARN_PROGRESS_SETTING, progressOf } from './learn-progress';

function memorySettings() {
  const rows = new Map<string, unknown>();
  return {
    rows,
    async get<T>(key: string, fallback: T): Promise<T> {
      await Promise.resolve();
      return rows.has(key) ? (rows.get(key) as T) : fallback;
    },
    async set(key: string, value: unknown) {
      await Promise.resolve();
      rows.set(key, value);
    },
  };
}

describe('learn progress', () => {
  it('starts with no hints and nothing passed', async () => {
    const progress = createLearnProgress(memorySettings());
    expect(progressOf(await progress.read(), 'retries')).toEqual({ hints: 0, passed: false });
  });

  it('keeps every one of several updates made at once (none overwrites another)', async () => {
    const settings = memorySettings();
    const progress = createLearnProgress(settings);
    await Promise.all([
      progress.update('retries', { fileId: 'f1' }),
      progress.update('retries', { hints: 2 }),
      progress.update('events', { passed: true }),
    ]);
    expect(settings.rows.get(LEARN_PROGRESS_SETTING)).toEqual({
      retries: { fileId: 'f1', hints: 2, passed: false },
      events: { hints: 0, passed: true },
    });
  });

  it('keeps a lesson passed once its check has passed, even when a later check fails', async () => {
    const progress = createLearnProgress(memorySettings());
    await progress.update('events', { passed: true });
    expect(progressOf(await progress.update('events', { passed: false }), 'events').passed).toBe(true);
  });
});
