/** Whose code an interrupt is raised in: only the code it is aimed at, never another instance's. */
import { describe, expect, it } from 'vitest';
import {
  askPythonHolder,
  INTERRUPT,
  raiseInstanceInterrupt,
  raiseInterrupt,
  readPythonHolder,
  SHARED_BUFFER_BYTES,
  type StopAction,
  stopReasonCode,
} from '../protocol';
import type { InterruptSite } from '../runtime';
import { createInterruptRouter } from './interrupt-router';

/** A router whose attempts in flight are token 7 of instance a-1 and token 8 of instance b-2. */
function setup(bytes = SHARED_BUFFER_BYTES) {
  const words = new Int32Array(new SharedArrayBuffer(bytes));
  const owners = new Map([
    [7, 'a-1'],
    [8, 'b-2'],
  ]);
  const router = createInterruptRouter(words, (token) => owners.get(token));
  return { words, router };
}

const attemptOf = (instanceId: string): InterruptSite => ({ instanceId, where: 'attempt' });
const runOf = (instanceId: string): InterruptSite => ({ instanceId, where: 'run' });
const reason = (action: StopAction) => stopReasonCode(action);

describe('createInterruptRouter()', () => {
  it('answers a probe with the site Python runs (whose run(), or a step attempt) and raises nothing', () => {
    const { words, router } = setup();
    expect(askPythonHolder(words)).toBe(0);
    expect(router.decide(runOf('a-1'))).toBe(false);
    expect(words[INTERRUPT.token]).toBe(0);
    expect(readPythonHolder(words)).toEqual({ seq: 1, where: 'run', instanceId: 'a-1' });
    expect(router.claim(() => true)).toBeUndefined();
    expect(askPythonHolder(words)).toBe(1);
    expect(router.decide({ instanceId: undefined, where: 'import' })).toBe(false);
    expect(readPythonHolder(words)).toEqual({ seq: 2, where: 'import', instanceId: undefined });
    // A real interrupt raised after the probe replaces it; a pending one is never replaced by a probe.
    askPythonHolder(words);
    raiseInstanceInterrupt(words, ['a-1'], reason('terminate'));
    expect(askPythonHolder(words)).toBeUndefined();
    expect(router.decide(runOf('a-1'))).toBe(true);
    expect(readPythonHolder(words)?.seq).toBe(2);
  });

  it('raises an interrupt aimed at instances only in the code of those instances, and claims it for them', () => {
    const { words, router } = setup();
    expect(raiseInstanceInterrupt(words, ['a-1'], reason('terminate'))).toBe(true);
    expect(router.decide(runOf('a-1'))).toBe(true);
    expect(words[INTERRUPT.token]).toBe(0);
    // Claimed by the run of a-1 only, and once.
    expect(router.claim((t) => t.site.instanceId === 'b-2')).toBeUndefined();
    expect(router.claim((t) => t.site.instanceId === 'a-1')).toMatchObject({
      token: INTERRUPT.INSTANCE_TOKEN,
      action: 'terminate',
      site: runOf('a-1'),
      targets: ['a-1'],
    });
    expect(router.claim(() => true)).toBeUndefined();
  });

  it("declines an interrupt landing in another instance's code, and says so in the buffer", () => {
    const { words, router } = setup();
    for (const site of [runOf('b-2'), attemptOf('b-2'), { instanceId: undefined, where: 'other' } as const]) {
      raiseInstanceInterrupt(words, ['a-1', 'c-3'], reason('delete'));
      expect(router.decide(site)).toBe(false);
      expect(words[INTERRUPT.token]).toBe(INTERRUPT.DECLINED_TOKEN);
      expect(router.claim(() => true)).toBeUndefined();
    }
    // Several targets: the code of any of them.
    raiseInstanceInterrupt(words, ['a-1', 'c-3'], reason('delete'));
    expect(router.decide(attemptOf('c-3'))).toBe(true);
  });

  it("raises one aimed at an attempt in that instance's code: in its attempts for a timeout or Stop attempt, anywhere for Terminate", () => {
    const { words, router } = setup();
    const cases: [number, number, InterruptSite, boolean][] = [
      [7, 0, attemptOf('a-1'), true],
      [7, 0, runOf('a-1'), false], // a timeout is the attempt's, not run()'s
      [7, 0, attemptOf('b-2'), false], // token 7 is a-1's: b-2's code carries on
      [7, reason('stop-attempt'), attemptOf('b-2'), false],
      [7, reason('stop-attempt'), runOf('a-1'), false],
      [7, reason('terminate'), runOf('a-1'), true],
      [8, reason('pause'), runOf('a-1'), false],
      [9, reason('terminate'), attemptOf('a-1'), false], // that attempt has ended
    ];
    for (const [token, why, site, raised] of cases) {
      raiseInterrupt(words, token, why);
      expect({ token, why, site, raised: router.decide(site) }).toEqual({ token, why, site, raised });
      expect(words[INTERRUPT.token]).toBe(raised ? 0 : INTERRUPT.DECLINED_TOKEN);
      expect(words[INTERRUPT.reason]).toBe(0);
    }
  });

  it("raises the watchdog's interrupt of a silent worker, and one with no token, wherever Python is", () => {
    const { words, router } = setup();
    raiseInterrupt(words, INTERRUPT.ANY_TOKEN, 0);
    expect(router.decide({ instanceId: undefined, where: 'import' })).toBe(true);
    expect(router.claim((t) => t.site.where === 'import')).toMatchObject({ token: INTERRUPT.ANY_TOKEN });
    raiseInterrupt(words, 0, 0);
    expect(router.decide(runOf('b-2'))).toBe(true);
    expect(router.claim(() => true)).toBeUndefined();
  });

  it("raises an instance's interrupt in a module's top-level code (it holds every instance up)", () => {
    const { words, router } = setup();
    raiseInstanceInterrupt(words, ['a-1'], reason('terminate'));
    expect(router.decide({ instanceId: undefined, where: 'import' })).toBe(true);
    expect(router.claim((t) => t.site.where === 'import')).toMatchObject({ action: 'terminate', targets: ['a-1'] });
  });

  it('cannot aim at instances without the targets region, or when the ids do not fit', () => {
    const small = setup(INTERRUPT.length * 4);
    expect(raiseInstanceInterrupt(small.words, ['a-1'], reason('terminate'))).toBe(false);
    expect(small.words[INTERRUPT.signal]).toBe(0);
    const { words } = setup();
    expect(raiseInstanceInterrupt(words, ['x'.repeat(5000)], reason('terminate'))).toBe(false);
    expect(words[INTERRUPT.signal]).toBe(0);
  });
});
