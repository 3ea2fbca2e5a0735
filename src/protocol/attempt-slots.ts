/**
 * The step attempts in flight, in shared memory: the worker writes a slot when an attempt starts and clears it
 * when the attempt ends; the supervisor reads the slots on each watchdog tick. This replaces two `postMessage`s
 * per attempt (`attempt-started` / `attempt-ended`, ~0.1 ms of worker time per step in Chromium) with a few
 * stores. The slots follow the {@link INTERRUPT} words in the same SharedArrayBuffer ({@link SHARED_BUFFER_BYTES}).
 * An attempt that finds no free slot, or whose step name and instance id do not fit, is announced with the
 * messages instead, as is every attempt when the buffer is smaller (no slots) or absent.
 *
 * One slot: Int32 `token` (0 = free; written last on start, cleared first on end, both with `Atomics`),
 * `attempt`, `nameLength`, `idLength`; Float64 `startedAt` (wall ms, `Date.now()` in the worker) and
 * `timeoutMs`; then the step name and the instance id as UTF-16 code units. Tokens are never reused, so a
 * reader that sees the same token before and after reading a slot has read one attempt's fields.
 */
import { INTERRUPT } from './shared';

/** Byte layout of the attempt slots. */
export const ATTEMPT_SLOTS = {
  /** First slot, in bytes from the start of the buffer: after the {@link INTERRUPT} words, 8-aligned. */
  offset: INTERRUPT.length * 4,
  count: 32,
  bytes: 512,
  /** Int32 fields of a slot (index within the slot's Int32 words). */
  token: 0,
  attempt: 1,
  nameLength: 2,
  idLength: 3,
  /** Float64 fields (index within the slot's Float64 words). */
  startedAt: 2,
  timeoutMs: 3,
  /** Where the text starts, in bytes within the slot; what is left holds name + id code units. */
  text: 32,
} as const;

/** UTF-16 code units a slot holds for step name + instance id. */
export const ATTEMPT_TEXT_UNITS = (ATTEMPT_SLOTS.bytes - ATTEMPT_SLOTS.text) / 2;

/** Where the attempt slots end, in bytes (the interrupt targets follow, `interrupt-targets.ts`). */
export const ATTEMPT_SLOTS_END = ATTEMPT_SLOTS.offset + ATTEMPT_SLOTS.count * ATTEMPT_SLOTS.bytes;

/** An attempt as the watchdog sees it. */
export interface SlotAttempt {
  token: number;
  instanceId: string;
  stepName: string;
  attempt: number;
  timeoutMs: number;
  /** Wall ms when it started. */
  startedAt: number;
}

interface SlotViews {
  ints: Int32Array;
  floats: Float64Array;
  text: Uint16Array;
}

function slotViews(buffer: ArrayBufferLike, slot: number): SlotViews {
  const base = ATTEMPT_SLOTS.offset + slot * ATTEMPT_SLOTS.bytes;
  return {
    ints: new Int32Array(buffer, base, ATTEMPT_SLOTS.text / 4),
    floats: new Float64Array(buffer, base, ATTEMPT_SLOTS.text / 8),
    text: new Uint16Array(buffer, base + ATTEMPT_SLOTS.text, ATTEMPT_TEXT_UNITS),
  };
}

/** True when `buffer` is large enough to hold the slots. */
export function hasAttemptSlots(buffer: ArrayBufferLike): boolean {
  return buffer.byteLength >= ATTEMPT_SLOTS_END;
}

/** The worker's side: the only writer of the slots. Cost per attempt: a few stores, no message. */
export function createAttemptSlotWriter(buffer: ArrayBufferLike) {
  const slots = Array.from({ length: ATTEMPT_SLOTS.count }, (_, i) => slotViews(buffer, i));
  const free = slots.map((_, i) => ATTEMPT_SLOTS.count - 1 - i);
  return {
    /** Publishes an attempt; returns its release, or `undefined` when it does not fit (announce it otherwise). */
    start(a: SlotAttempt): (() => void) | undefined {
      if (a.stepName.length + a.instanceId.length > ATTEMPT_TEXT_UNITS) return undefined;
      const index = free.pop();
      if (index === undefined) return undefined;
      const { ints, floats, text } = slots[index] as SlotViews;
      ints[ATTEMPT_SLOTS.attempt] = a.attempt;
      ints[ATTEMPT_SLOTS.nameLength] = a.stepName.length;
      ints[ATTEMPT_SLOTS.idLength] = a.instanceId.length;
      floats[ATTEMPT_SLOTS.startedAt] = a.startedAt;
      floats[ATTEMPT_SLOTS.timeoutMs] = a.timeoutMs;
      let at = 0;
      for (let i = 0; i < a.stepName.length; i++) text[at++] = a.stepName.charCodeAt(i);
      for (let i = 0; i < a.instanceId.length; i++) text[at++] = a.instanceId.charCodeAt(i);
      Atomics.store(ints, ATTEMPT_SLOTS.token, a.token);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        Atomics.store(ints, ATTEMPT_SLOTS.token, 0);
        free.push(index);
      };
    },
  };
}

const readText = (text: Uint16Array, from: number, length: number) =>
  String.fromCharCode(...text.slice(from, from + length));

/**
 * The supervisor's side: the attempts in the slots now. `known` tokens are only listed (their fields are not
 * read again); a slot being rewritten while it is read is skipped and seen on the next read.
 */
export function readAttemptSlots(
  buffer: ArrayBufferLike,
  known: ReadonlySet<number>,
): { tokens: number[]; fresh: SlotAttempt[] } {
  const tokens: number[] = [];
  const fresh: SlotAttempt[] = [];
  for (let slot = 0; slot < ATTEMPT_SLOTS.count; slot++) {
    const { ints, floats, text } = slotViews(buffer, slot);
    const token = Atomics.load(ints, ATTEMPT_SLOTS.token);
    if (token === 0) continue;
    if (known.has(token)) {
      tokens.push(token);
      continue;
    }
    const nameLength = ints[ATTEMPT_SLOTS.nameLength] as number;
    const idLength = ints[ATTEMPT_SLOTS.idLength] as number;
    const attempt: SlotAttempt = {
      token,
      attempt: ints[ATTEMPT_SLOTS.attempt] as number,
      startedAt: floats[ATTEMPT_SLOTS.startedAt] as number,
      timeoutMs: floats[ATTEMPT_SLOTS.timeoutMs] as number,
      stepName: readText(text, 0, nameLength),
      instanceId: readText(text, nameLength, idLength),
    };
    if (Atomics.load(ints, ATTEMPT_SLOTS.token) !== token) continue;
    tokens.push(token);
    fresh.push(attempt);
  }
  return { tokens, fresh };
}
