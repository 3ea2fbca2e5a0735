/**
 * Entry of the journal mirror worker, started by the executor worker: copies the journal's write-ahead log
 * into IndexedDB (src/persistence/journal-mirror.ts). It dies with the executor that started it.
 */
import { type FromMirror, type PortLike, serveMirror, type ToMirror } from '../persistence';

/**
 * Appends are gathered this long per transaction: the UI reads a few times a second, and fewer transactions
 * leave more of the machine to the executor (bench "browser steps").
 */
const GATHER_MS = 10;

serveMirror(self as unknown as PortLike<ToMirror, FromMirror>, { gatherMs: GATHER_MS });
