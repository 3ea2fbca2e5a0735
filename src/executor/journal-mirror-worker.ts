/**
 * Entry of the journal mirror worker: copies the executor's journal log into IndexedDB
 * (src/persistence/journal-mirror.ts). The supervisor spawns it beside each executor — not inside it: a nested
 * worker's IndexedDB waits on its parent's thread, which a step in an endless loop blocks — and hands it its end
 * of a channel to that executor (`{ type: 'connect' }` with the port). It ends with that executor.
 */
import { type FromMirror, type PortLike, serveMirror, type ToMirror } from '../persistence';

/**
 * Appends are gathered this long per transaction: the UI reads a few times a second, and fewer transactions
 * leave more of the machine to the executor (bench "browser steps").
 */
const GATHER_MS = 10;

self.addEventListener('message', (e: MessageEvent<{ type: 'connect' }>) => {
  const [port] = e.ports;
  if (e.data?.type !== 'connect' || !port) return;
  serveMirror(port as unknown as PortLike<ToMirror, FromMirror>, { gatherMs: GATHER_MS });
});
