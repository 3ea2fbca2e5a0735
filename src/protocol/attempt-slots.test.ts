import { describe, expect, it } from 'vitest';
import {
  ATTEMPT_SLOTS,
  ATTEMPT_TEXT_UNITS,
  createAttemptSlotWriter,
  hasAttemptSlots,
  readAttemptSlots,
  type SlotAttempt,
} from './attempt-slots';
import { SHARED_BUFFER_BYTES } from './python-holder';
import { INTERRUPT } from './shared';

const attempt = (token: number, over: Partial<SlotAttempt> = {}): SlotAttempt => ({
  token,
  instanceId: `inst-${token}`,
  stepName: `step ✓ ${token}`,
  attempt: 1,
  timeoutMs: 600_000,
  startedAt: 1_700_000_000_123.5,
  ...over,
});

describe('attempt slots', () => {
  it('lives after the interrupt words of the same buffer, which stay as Pyodide reads them', () => {
    const buffer = new SharedArrayBuffer(SHARED_BUFFER_BYTES);
    expect(hasAttemptSlots(buffer)).toBe(true);
    expect(hasAttemptSlots(new SharedArrayBuffer(INTERRUPT.length * 4))).toBe(false);
    createAttemptSlotWriter(buffer).start(attempt(9));
    const words = new Int32Array(buffer);
    expect([words[INTERRUPT.signal], words[INTERRUPT.token]]).toEqual([0, 0]);
  });

  it('publishes an attempt with every field the watchdog needs, and forgets it when released', () => {
    const buffer = new SharedArrayBuffer(SHARED_BUFFER_BYTES);
    const writer = createAttemptSlotWriter(buffer);
    const release = writer.start(attempt(3, { attempt: 2, timeoutMs: Number.POSITIVE_INFINITY }));
    expect(readAttemptSlots(buffer, new Set())).toEqual({
      tokens: [3],
      fresh: [attempt(3, { attempt: 2, timeoutMs: Number.POSITIVE_INFINITY })],
    });
    release?.();
    release?.(); // twice is harmless: the slot is not freed again under another attempt
    const other = writer.start(attempt(4));
    expect(readAttemptSlots(buffer, new Set()).tokens).toEqual([4]);
    other?.();
    expect(readAttemptSlots(buffer, new Set())).toEqual({ tokens: [], fresh: [] });
  });

  it('lists known tokens without reading them again', () => {
    const buffer = new SharedArrayBuffer(SHARED_BUFFER_BYTES);
    const writer = createAttemptSlotWriter(buffer);
    writer.start(attempt(1));
    writer.start(attempt(2));
    const { tokens, fresh } = readAttemptSlots(buffer, new Set([1]));
    expect(tokens.sort()).toEqual([1, 2]);
    expect(fresh.map((a) => a.token)).toEqual([2]);
  });

  it('declines an attempt when every slot is taken or its name and id do not fit (the caller sends messages)', () => {
    const buffer = new SharedArrayBuffer(SHARED_BUFFER_BYTES);
    const writer = createAttemptSlotWriter(buffer);
    const long = 'x'.repeat(ATTEMPT_TEXT_UNITS - 'inst-1'.length + 1);
    expect(writer.start(attempt(1, { stepName: long }))).toBeUndefined();
    const fits = 'x'.repeat(ATTEMPT_TEXT_UNITS - 'inst-1'.length);
    const releases = [writer.start(attempt(1, { stepName: fits }))];
    for (let t = 2; t <= ATTEMPT_SLOTS.count; t++) releases.push(writer.start(attempt(t)));
    expect(releases.every((r) => r !== undefined)).toBe(true);
    expect(writer.start(attempt(99))).toBeUndefined();
    expect(readAttemptSlots(buffer, new Set()).fresh.find((a) => a.token === 1)?.stepName).toBe(fits);
    releases[5]?.();
    expect(writer.start(attempt(100))).toBeDefined();
  });
});
