/**
 * The shipped snapshot: a Pyodide memory snapshot ("Pyodide + our SDK installed") made at build time in Node
 * (`vite-plugins/python-snapshot.ts`) and served from our own origin next to the Pyodide runtime files, so a
 * first visit restores it instead of loading Python plainly. Its URL is derived from the snapshot key, so a
 * worker only ever asks for a snapshot that matches its Pyodide version and SDK.
 */
import { checkSnapshotShape } from '../runtime/snapshot-bytes';

// Shared with the CLI's snapshot cache (src/runtime/node-snapshot-cache.ts); kept importable from here. From the
// file itself, not the runtime's index: the Vite config imports this module and needs nothing else of the runtime.
export { checkSnapshotShape, reseedAfterRestore } from '../runtime/snapshot-bytes';

/**
 * Where the shipped snapshot for `key` lives, relative to Pyodide's `indexURL` (`<base>pyodide/`). It is gzipped
 * (31 MB → ~6 MB: the wasm memory is mostly zeros) and inflated in the worker, because static hosts rarely
 * compress `application/octet-stream` themselves, and 31 MB over a real network would cost more than the
 * plain load the snapshot saves.
 */
export function shippedSnapshotPath(key: string): string {
  return `snapshots/${key}.bin.gz`;
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
