/**
 * Whose code holds Python: the supervisor asks, and the worker's SIGINT handler answers. While the worker's
 * thread is blocked (Python runs without yielding), the supervisor raises a probe through the interrupt buffer
 * (`token` = `PROBE_TOKEN`, nothing is raised in Python); the handler that Python runs next, in the code that
 * keeps it busy, writes here where that code is (the instance whose run's context it runs in, and whether it is
 * a step attempt, `run()` — or a task or callback it started —, a module's top-level code or other) and bumps
 * `seq`. So an executor ended while an instance's own code outside any step held Python (Kill now, a reload, a
 * restart) can be named, and the next executor journals that instance as errored instead of resuming it into
 * the same loop. Layout, after the interrupt targets: Int32 `seq`, `where`, `length`, then the instance id
 * as UTF-16 code units.
 */
import { INTERRUPT_TARGETS_END } from './interrupt-targets';
import { INTERRUPT } from './shared';

/** Byte layout of the holder region. */
export const PYTHON_HOLDER = {
  offset: INTERRUPT_TARGETS_END,
  seq: 0,
  where: 1,
  length: 2,
  text: 12,
  units: 512,
} as const;

/** Size of the buffer the supervisor shares: the interrupt words, attempt slots, targets and the holder. */
export const SHARED_BUFFER_BYTES = PYTHON_HOLDER.offset + PYTHON_HOLDER.text + PYTHON_HOLDER.units * 2;

/** Where Python was, as its SIGINT handler says (the runtime's `InterruptSite['where']`). */
export const HOLDER_SITES = ['attempt', 'run', 'import', 'other'] as const;
export type HolderSite = (typeof HOLDER_SITES)[number];

/** The last answer: `seq` counts answers (0: none yet). */
export interface PythonHolder {
  seq: number;
  where: HolderSite;
  /** `undefined` outside any run (a module's top-level code, the event loop itself). */
  instanceId: string | undefined;
}

const views = (buffer: ArrayBufferLike) =>
  buffer.byteLength < SHARED_BUFFER_BYTES
    ? undefined
    : {
        ints: new Int32Array(buffer, PYTHON_HOLDER.offset, 3),
        text: new Uint16Array(buffer, PYTHON_HOLDER.offset + PYTHON_HOLDER.text, PYTHON_HOLDER.units),
      };

/**
 * The supervisor's side: asks the worker whose code holds Python. Only when no interrupt is pending (the
 * `token` word is 0), so a real one is never overwritten; a real one raised after it replaces the probe.
 * Returns the `seq` an answer will exceed, or `undefined` when it did not ask.
 */
export function askPythonHolder(words: Int32Array): number | undefined {
  const v = views(words.buffer);
  if (!v || Atomics.compareExchange(words, INTERRUPT.token, 0, INTERRUPT.PROBE_TOKEN) !== 0) return undefined;
  const seq = Atomics.load(v.ints, PYTHON_HOLDER.seq);
  Atomics.store(words, INTERRUPT.signal, INTERRUPT.SIGINT);
  return seq;
}

/** The worker's side, in Python's SIGINT handler when `token` is `PROBE_TOKEN`: answers and clears the probe. */
export function answerPythonHolder(words: Int32Array, where: HolderSite, instanceId: string | undefined): void {
  const v = views(words.buffer);
  Atomics.compareExchange(words, INTERRUPT.token, INTERRUPT.PROBE_TOKEN, 0);
  if (!v) return;
  const id = (instanceId ?? '').slice(0, PYTHON_HOLDER.units);
  for (let i = 0; i < id.length; i++) v.text[i] = id.charCodeAt(i);
  v.ints[PYTHON_HOLDER.where] = HOLDER_SITES.indexOf(where);
  v.ints[PYTHON_HOLDER.length] = instanceId === undefined ? -1 : id.length;
  Atomics.add(v.ints, PYTHON_HOLDER.seq, 1);
}

/** The last answer (`seq` 0 before any); `undefined` when the buffer has no holder region. */
export function readPythonHolder(words: Int32Array): PythonHolder | undefined {
  const v = views(words.buffer);
  if (!v) return undefined;
  const seq = Atomics.load(v.ints, PYTHON_HOLDER.seq);
  const length = v.ints[PYTHON_HOLDER.length] as number;
  const where = HOLDER_SITES[v.ints[PYTHON_HOLDER.where] as number] ?? 'other';
  const instanceId = length < 0 || seq === 0 ? undefined : String.fromCharCode(...v.text.slice(0, length));
  return { seq, where, instanceId };
}
