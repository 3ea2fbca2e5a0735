/**
 * Ships a Pyodide memory snapshot with the studio: "Pyodide + the workers SDK installed", made at build time in
 * Node with the Pyodide from node_modules exactly as the executor makes one in the browser (boot-python.ts), and
 * served gzipped from our own origin at `<base><pyodideDir>snapshots/<snapshotKey>.bin.gz` (pyodideDir: `pyodide/<version>/`) — emitted into dist/ by `vite build`,
 * answered from memory by the dev server. A first visit restores it instead of loading Python plainly
 * (src/executor/shipped-snapshot.ts). The URL holds the snapshot key (Pyodide version + SDK hash), so a worker
 * never restores a snapshot made for another SDK; a changed SDK in dev makes a new one on the next request.
 *
 * A Node-made snapshot restores in the browser because Pyodide's snapshot holds only the wasm memory and the JS
 * references Python holds; `installSdk` leaves none (checked by `makeMemorySnapshot`, which throws otherwise),
 * and the file system lives in JS, rebuilt on every start. Restore checks the magic number and the Pyodide
 * build id, both the same for node_modules/pyodide and the /pyodide/ files we serve.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { version as pyodideVersion } from 'pyodide';
import type { Plugin } from 'vite';
import { shippedSnapshotPath } from '../src/executor/shipped-snapshot.ts';
import { snapshotKey } from '../src/persistence/snapshot-key.ts';
import { readSdkSources } from '../src/runtime/sdk-files.ts';
import { installSdk, type SdkSources, sdkHash } from '../src/runtime/sdk-sources.ts';

/** A snapshot made in Node, with its key, its gzipped bytes (what is served) and how long it took. */
export interface MadeSnapshot {
  key: string;
  bytes: Uint8Array;
  gzipped: Uint8Array;
  ms: number;
}

const gzipAsync = promisify(gzip);

/** The key the executor will look for with these SDK sources. */
export function shippedSnapshotKey(sources: SdkSources = readSdkSources()): string {
  return snapshotKey(pyodideVersion, sdkHash(sources));
}

/** Loads Pyodide in Node, installs the SDK, takes the memory snapshot (~30 MB) and gzips it (~6 MB); ~3–5 s. */
export async function makePythonSnapshot(sources: SdkSources = readSdkSources()): Promise<MadeSnapshot> {
  const started = performance.now();
  const { loadPyodide } = await import('pyodide');
  const quiet = () => {};
  const pyodide = await loadPyodide({ _makeSnapshot: true, stdout: quiet, stderr: quiet } as Parameters<
    typeof loadPyodide
  >[0]);
  installSdk(pyodide, sources);
  const bytes = pyodide.makeMemorySnapshot();
  const gzipped = await gzipAsync(bytes);
  return { key: shippedSnapshotKey(sources), bytes, gzipped, ms: Math.round(performance.now() - started) };
}

/**
 * The Vite plugin: emits the snapshot into the build and serves it in dev, under `pyodideDir` (relative to the
 * app's base): the directory Pyodide's runtime is served from, i.e. the executor's `indexURL`, which the worker
 * resolves the snapshot's path against.
 */
export function pythonSnapshot({ pyodideDir }: { pyodideDir: string }): Plugin {
  let base = '/';
  let building: Promise<MadeSnapshot> | undefined;
  /** Dev: the snapshot for the SDK as it is now on disk (remade when the key changes). */
  let current: Promise<MadeSnapshot> | undefined;
  const forDev = (): Promise<MadeSnapshot> => {
    const key = shippedSnapshotKey();
    if (!current) current = makePythonSnapshot();
    return current.then((made) => {
      if (made.key === key) return made;
      current = undefined;
      return forDev();
    });
  };
  return {
    name: 'python-snapshot',
    configResolved(config) {
      base = config.base;
    },
    configureServer(server) {
      // Made in the background from the start, so the first page load does not wait the whole ~5 s for it.
      const warmUp = forDev();
      warmUp.catch((error) => server.config.logger.warn(`No shipped Python snapshot: ${String(error)}`));
      const prefix = `${base}${pyodideDir}`;
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0] ?? '';
        if (!url.startsWith(`${prefix}snapshots/`)) return next();
        forDev().then(
          (made) => {
            if (url !== `${prefix}${shippedSnapshotPath(made.key)}`) {
              res.statusCode = 404;
              res.end(`No shipped Python snapshot at ${url}; the current one is ${shippedSnapshotPath(made.key)}`);
              return;
            }
            res.setHeader('Content-Type', 'application/gzip');
            res.setHeader('Content-Length', made.gzipped.byteLength);
            res.end(made.gzipped);
          },
          (error: unknown) => {
            res.statusCode = 500;
            res.end(`The shipped Python snapshot could not be made: ${String(error)}`);
          },
        );
      });
    },
    buildStart() {
      // Overlaps with bundling (two cores): awaited only when the bundle is written.
      building = makePythonSnapshot();
      building.catch(() => undefined);
    },
    async generateBundle() {
      const made = await (building ?? makePythonSnapshot());
      const sizes = `${made.bytes.byteLength} bytes, ${made.gzipped.byteLength} gzipped`;
      this.info(`Python snapshot ${made.key}: ${sizes}, made in ${made.ms} ms`);
      this.emitFile({ type: 'asset', fileName: `${pyodideDir}${shippedSnapshotPath(made.key)}`, source: made.gzipped });
    },
  };
}
