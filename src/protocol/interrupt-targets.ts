/**
 * The instances an interrupt is aimed at, in the shared buffer after the attempt slots: for a Terminate, Pause
 * or Delete whose instance has no step attempt in flight (its `run()`, an asyncio callback of it, or a module
 * being imported keeps Python busy). Int32 `length` (UTF-16 code units), then the ids joined by a newline
 * (an instance id never holds one). Written before `token` = `INSTANCE_TOKEN` and `signal`; the worker reads it
 * when Python's SIGINT handler runs, to raise `KeyboardInterrupt` only in the code of those instances.
 */
import { ATTEMPT_SLOTS_END } from './attempt-slots';
import { INTERRUPT } from './shared';

/** Byte layout of the targets region. */
export const INTERRUPT_TARGETS = { offset: ATTEMPT_SLOTS_END, units: 2048 } as const;

/** Where the targets region ends, in bytes (the Python holder follows, `python-holder.ts`). */
export const INTERRUPT_TARGETS_END = INTERRUPT_TARGETS.offset + 4 + INTERRUPT_TARGETS.units * 2;

const SEPARATOR = '\n';

/**
 * Raises `KeyboardInterrupt` in the worker's Python for the code of instances `ids`, because of `reason` (a
 * `STOP_ACTIONS` code). False, raising nothing, when the buffer has no targets region or the ids do not fit.
 */
export function raiseInstanceInterrupt(words: Int32Array, ids: readonly string[], reason: number): boolean {
  const text = ids.join(SEPARATOR);
  if (words.buffer.byteLength < INTERRUPT_TARGETS_END || text.length > INTERRUPT_TARGETS.units) return false;
  const units = new Uint16Array(words.buffer, INTERRUPT_TARGETS.offset + 4, INTERRUPT_TARGETS.units);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  Atomics.store(new Int32Array(words.buffer, INTERRUPT_TARGETS.offset, 1), 0, text.length);
  Atomics.store(words, INTERRUPT.reason, reason);
  Atomics.store(words, INTERRUPT.token, INTERRUPT.INSTANCE_TOKEN);
  Atomics.store(words, INTERRUPT.signal, INTERRUPT.SIGINT);
  return true;
}

/** The instances the last `raiseInstanceInterrupt` aimed at (none without a targets region). */
export function readInterruptTargets(words: Int32Array): string[] {
  if (words.buffer.byteLength < INTERRUPT_TARGETS_END) return [];
  const length = Atomics.load(new Int32Array(words.buffer, INTERRUPT_TARGETS.offset, 1), 0);
  const units = new Uint16Array(words.buffer, INTERRUPT_TARGETS.offset + 4, Math.min(length, INTERRUPT_TARGETS.units));
  let text = '';
  for (const unit of units) text += String.fromCharCode(unit);
  return text === '' ? [] : text.split(SEPARATOR);
}
