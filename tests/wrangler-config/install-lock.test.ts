/** The folder lock that keeps parallel test files from running `npm ci` into one folder at once. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withInstallLock } from '../../bench/peer/node22';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'install-lock-'));
  dirs.push(d);
  return join(d, 'peer');
};
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('withInstallLock()', () => {
  it('runs installs into one folder one after another, never at once, and releases the lock', async () => {
    const dir = scratch();
    const log: string[] = [];
    const install = (name: string) => async () => {
      log.push(`${name} start`);
      await tick(300);
      log.push(`${name} end`);
      return name;
    };
    expect(await Promise.all([withInstallLock(dir, install('a')), withInstallLock(dir, install('b'))])).toEqual([
      'a',
      'b',
    ]);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
    expect(await withInstallLock(dir, async () => 'free again')).toBe('free again');
  });

  it('releases the lock when the install fails', async () => {
    const dir = scratch();
    await expect(withInstallLock(dir, async () => Promise.reject(new Error('npm ci failed')))).rejects.toThrow(
      'npm ci failed',
    );
    expect(await withInstallLock(dir, async () => 'next')).toBe('next');
  });

  it('takes over a lock left by a killed run (older than five minutes)', async () => {
    const dir = scratch();
    mkdirSync(`${dir}.lock`, { recursive: true });
    const old = (Date.now() - 6 * 60_000) / 1000;
    utimesSync(`${dir}.lock`, old, old);
    expect(await withInstallLock(dir, async () => 'taken over')).toBe('taken over');
  });
});
