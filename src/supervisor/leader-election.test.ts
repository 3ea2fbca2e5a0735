import { describe, expect, it } from 'vitest';
import { electLeader } from './leader-election';
import { createFakeLocks, until } from './test-fakes';

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
    await until(() => expect(log).toEqual(['a leads']));
    const b = tab(locks, log, 'b');
    const c = tab(locks, log, 'c');
    await until(() => expect(log).toEqual(['a leads', 'b follows', 'c follows']));
    a.dispose();
    await until(() => expect(log).toEqual(['a leads', 'b follows', 'c follows', 'b leads']));
    b.dispose();
    await until(() => expect(log.at(-1)).toBe('c leads'));
    c.dispose();
    await until(() => expect(locks.holder()).toBeUndefined());
    expect(log).toEqual(['a leads', 'b follows', 'c follows', 'b leads', 'c leads']);
  });

  it('withdraws a follower’s queued request when that tab closes first', async () => {
    const locks = createFakeLocks();
    const log: string[] = [];
    const a = tab(locks, log, 'a');
    await until(() => expect(log).toEqual(['a leads']));
    const b = tab(locks, log, 'b');
    await until(() => expect(log).toEqual(['a leads', 'b follows']));
    b.dispose();
    b.dispose();
    a.dispose();
    // a released the lock: had b's request still been queued, b would hold it now and have logged 'b leads'.
    await until(() => expect(locks.holder()).toBeUndefined());
    expect(log).toEqual(['a leads', 'b follows']);
  });
});
