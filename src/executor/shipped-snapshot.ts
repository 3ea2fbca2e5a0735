/**
 * The shipped snapshot: a Pyodide memory snapshot ("Pyodide + our SDK installed") made at build time in Node
 * (`vite-plugins/python-snapshot.ts`) and served from our own origin next to the Pyodide runtime files, so a
 * first visit restores it instead of loading Python plainly. Its URL is derived from the snapshot key, so a
 * worker only ever asks for a snapshot that matches its Pyodide version and SDK.
 */
import type { PyodideAPI } from 'pyodide';

/**
 * Where the shipped snapshot for `key` lives, relative to Pyodide's `indexURL` (`<base>pyodide/`). It is gzipped
 * (31 MB → ~6 MB: the wasm memory is mostly zeros) and inflated in the worker, because static hosts rarely
 * compress `application/octet-stream` themselves, and 31 MB over a real network would cost more than the
 * plain load the snapshot saves.
 */
export function shippedSnapshotPath(key: string): string {
  return `snapshots/${key}.bin.gz`;
}

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

/** What fetching the shipped snapshot needs (the worker's own `fetch` and origin). */
export interface ShippedSnapshotSource {
  fetch: typeof fetch;
  /** The worker's origin: a snapshot is only ever fetched from it. */
  origin: string;
}

/** Fetches and checks the shipped snapshot for `key` from under `indexURL`; rejects with the reason otherwise. */
export async function fetchShippedSnapshot(
  indexURL: string,
  key: string,
  source: ShippedSnapshotSource,
): Promise<Uint8Array> {
  const url = new URL(shippedSnapshotPath(key), indexURL);
  if (url.origin !== source.origin) {
    throw new Error(`The shipped snapshot is only fetched from this site (${source.origin}), not from ${url.origin}`);
  }
  const response = await source.fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText || 'error'} for ${url.href}`);
  const bytes = await gunzipped(new Uint8Array(await response.arrayBuffer()));
  checkSnapshotShape(bytes);
  return bytes;
}

/**
 * Inflates gzip bytes; anything else is returned as it is — a host that served the file with
 * `Content-Encoding: gzip` has had the browser inflate it already (and garbage fails the shape check next).
 */
async function gunzipped(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const inflated = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(inflated).arrayBuffer());
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
