import { describe, expect, it } from 'vitest';
import { electLeader } from './leader-election';
import { createFakeLocks, flush } from './test-fakes';

function tab(locks: ReturnType<typeof createFakeLocks>, log: string[], name: string) {
  return electLeader({
    locks,
    onLeader: () => log.push(`${name} leads`),
    onFollower: () => log.push(`${name} follows`),
  });
}

describe('electLeader()', () => {
  it('makes the first tab the leader and the others followers, and hands over when the leader goes', async () => {
    const locks = createFakeLocks();
    const log: string[] = [];
    const a = tab(locks, log, 'a');
    await flush();
    const b = tab(locks, log, 'b');
    const c = tab(locks, log, 'c');
    await flush();
    expect(log).toEqual(['a leads', 'b follows', 'c follows']);
    a.dispose();
    await flush();
    expect(log).toEqual(['a leads', 'b follows', 'c follows', 'b leads']);
    b.dispose();
    await flush();
    expect(log.at(-1)).toBe('c leads');
    c.dispose();
    await flush();
    expect(locks.holder()).toBeUndefined();
  });

  it('withdraws a follower’s queued request when that tab closes first', async () => {
    const locks = createFakeLocks();
    const log: string[] = [];
    const a = tab(locks, log, 'a');
    await flush();
    const b = tab(locks, log, 'b');
    await flush();
    b.dispose();
    b.dispose();
    a.dispose();
    await flush();
    expect(log).toEqual(['a leads', 'b follows']);
    expect(locks.holder()).toBeUndefined();
  });
});
