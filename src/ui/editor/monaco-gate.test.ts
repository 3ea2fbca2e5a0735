import { describe, expect, it } from 'vitest';
import { monacoMayLoad } from './useMonacoGate';

describe('monacoMayLoad()', () => {
  it('waits while the boot may still become a warm start (database, snapshot lookup, restore)', () => {
    expect(monacoMayLoad({ status: 'starting', since: 0, role: 'leader' })).toBe(false);
    for (const phase of ['opening-database', 'reading-snapshot', 'restoring-snapshot'] as const) {
      expect(monacoMayLoad({ status: 'starting', since: 0, role: 'leader', phase })).toBe(false);
    }
  });

  it('loads at once on a cold start, and whenever Python is not starting', () => {
    expect(monacoMayLoad({ status: 'starting', since: 0, role: 'leader', phase: 'loading-python' })).toBe(true);
    expect(monacoMayLoad({ status: 'starting', since: 0, role: 'leader', phase: 'installing-sdk' })).toBe(true);
    expect(monacoMayLoad({ status: 'restarting', since: 0, reason: 'killed', role: 'leader' })).toBe(true);
    expect(
      monacoMayLoad({ status: 'failed', since: 0, error: { name: 'TypeError', message: 'x' }, role: 'leader' }),
    ).toBe(true);
    expect(monacoMayLoad(null)).toBe(true);
  });
});
