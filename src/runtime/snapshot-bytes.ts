/**
 * Checks on Pyodide memory snapshot bytes and what a restore needs afterwards, shared by every host that
 * restores one: the executor (a snapshot from IndexedDB or shipped with the studio) and the CLI (its cache on
 * disk, node-snapshot-cache.ts).
 */
import type { PyodideAPI } from 'pyodide';

/**
 * Pyodide's snapshot layout (pyodide.asm.mjs, `API.makeSnapshot`): a little-endian u32 header — magic number,
 * header size (a multiple of 16), JSON length, 0, a 256-bit build id — then the JSON, then the wasm memory,
 * which is always whole 64 KiB pages. Pyodide checks the magic number and build id itself, but only after it
 * has instantiated the wasm with a memory sized from the snapshot's length; garbage of the wrong size can
 * make that instantiation fail, which Pyodide 314 logs and never settles (see watch-fetches.ts). So the
 * shape is checked here, before Pyodide sees the bytes.
 */
const MAGIC = 1886286592;
const HEADER_BYTES = 48;
const WASM_PAGE = 65536;

/** Throws when `bytes` cannot be a Pyodide memory snapshot; says what is wrong. */
export function checkSnapshotShape(bytes: Uint8Array): void {
  if (bytes.byteLength < HEADER_BYTES + WASM_PAGE) {
    throw new Error(`The snapshot is too small to be one (${bytes.byteLength} bytes)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('The snapshot does not start with Pyodide’s magic number');
  const headerSize = view.getUint32(4, true);
  if (headerSize < HEADER_BYTES || headerSize % 16 !== 0 || (bytes.byteLength - headerSize) % WASM_PAGE !== 0) {
    throw new Error(`The snapshot is truncated or malformed (${bytes.byteLength} bytes, header ${headerSize})`);
  }
}

/**
 * A restored snapshot carries the state of the interpreter that made it, including the `random` module's
 * generator when the SDK's imports pulled it in: every restore would draw the same "random" numbers (and
 * with a shipped snapshot, every user would). Reseeds it from the OS (crypto.getRandomValues).
 */
export function reseedAfterRestore(pyodide: PyodideAPI): void {
  // One expression: binds no name in __main__.
  pyodide.runPython("(lambda m: m and m.seed())(__import__('sys').modules.get('random'))");
}
