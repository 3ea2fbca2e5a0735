import { describe, expect, it } from 'vitest';
import type { SyncFile } from '../persistence';
import { INTERRUPT, raiseInterrupt } from '../protocol';
import type { InterruptSite } from '../runtime';
import { releasingJournal } from './release-journal';

function setup() {
  const words = new Int32Array(INTERRUPT.length);
  const asked: InterruptSite[] = [];
  let closed = 0;
  const file = { close: () => closed++ } as unknown as SyncFile;
  const decide = releasingJournal(
    words,
    (site) => {
      asked.push(site);
      return true;
    },
    () => file,
  );
  return { words, asked, decide, closed: () => closed };
}

const site: InterruptSite = { instanceId: 'spin-1', where: 'run' };

describe('releasingJournal()', () => {
  it('closes the journal’s log file on the supervisor’s release, raises nothing and clears the token', () => {
    const s = setup();
    raiseInterrupt(s.words, INTERRUPT.RELEASE_TOKEN, 0);
    expect(s.decide(site)).toBe(false);
    expect(s.closed()).toBe(1);
    expect(s.asked).toEqual([]); // the router is not asked: no KeyboardInterrupt the code could swallow
    expect(s.words[INTERRUPT.token]).toBe(0);
  });

  it('leaves every other interrupt to the router, with the file open', () => {
    const s = setup();
    raiseInterrupt(s.words, INTERRUPT.INSTANCE_TOKEN, 0);
    expect(s.decide(site)).toBe(true);
    expect(s.asked).toEqual([site]);
    expect(s.closed()).toBe(0);
  });

  it('a file already closed (or none open yet) is no error', () => {
    const words = new Int32Array(INTERRUPT.length);
    const throwing = {
      close: () => {
        throw new Error('InvalidStateError');
      },
    } as unknown as SyncFile;
    raiseInterrupt(words, INTERRUPT.RELEASE_TOKEN, 0);
    expect(
      releasingJournal(
        words,
        () => true,
        () => throwing,
      )(site),
    ).toBe(false);
    raiseInterrupt(words, INTERRUPT.RELEASE_TOKEN, 0);
    expect(
      releasingJournal(
        words,
        () => true,
        () => undefined,
      )(site),
    ).toBe(false);
  });
});
