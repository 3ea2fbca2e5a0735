/** What both sides of every channel share: errors flattened for `postMessage`, the interrupt buffer's layout. */
import { type SerializedError as EngineSerializedError, serializeError as serializeEngineError } from '../engine';

/** Exhaustiveness guard for `switch`es over the messages: the engine's one definition. */
export { assertNever } from '../engine';

/**
 * An error flattened for `postMessage` (the receiver rehydrates it by `name`; prototypes don't survive): the
 * engine's `SerializedError` (name, message, stack, Python `traceback`, `cause`), tagged `type: 'error'` so a
 * `WorkerResult` tells it from `{ type: 'ok' }`.
 */
export type SerializedError = EngineSerializedError & { type: 'error' };

/**
 * Layout of the Int32 interrupt buffer shared by supervisor and worker. Pyodide reads slot `signal`
 * (`setInterruptBuffer`): writing `SIGINT` there raises `KeyboardInterrupt` in running Python. Before that,
 * the supervisor writes into `token` the attempt token it interrupts (or `ANY_TOKEN`: whatever runs;
 * `INSTANCE_TOKEN`: the code of the instances named in the buffer's targets, `interrupt-targets.ts`), so the
 * worker can journal the attempt as timed out rather than as a user `KeyboardInterrupt`; and into `reason` why:
 * 0 for a timeout, else the code of the user's action (`STOP_ACTIONS`, stop-actions.ts). The worker raises the
 * interrupt only in the code it is aimed at; when other code holds Python it writes `DECLINED_TOKEN` into
 * `token` instead, so the supervisor restarts the executor at once rather than after a grace. `PROBE_TOKEN` raises
 * nothing: it asks the worker whose code holds Python (`python-holder.ts`). Word 3 is padding, so the attempt
 * slots after these words stay 8-aligned.
 */
export const INTERRUPT = {
  signal: 0,
  token: 1,
  reason: 2,
  length: 4,
  SIGINT: 2,
  ANY_TOKEN: -1,
  INSTANCE_TOKEN: -2,
  DECLINED_TOKEN: -3,
  PROBE_TOKEN: -4,
} as const;

/** Raises `KeyboardInterrupt` in the worker's Python: for attempt `token`, because of `reason` (0: a timeout). */
export function raiseInterrupt(words: Int32Array, token: number, reason: number): void {
  Atomics.store(words, INTERRUPT.reason, reason);
  Atomics.store(words, INTERRUPT.token, token);
  Atomics.store(words, INTERRUPT.signal, INTERRUPT.SIGINT);
}

/** Flattens anything thrown into a `SerializedError`, as the engine reads errors (structurally, keeping a traceback). */
export function serializeError(error: unknown): SerializedError {
  return { type: 'error', ...serializeEngineError(error) };
}
