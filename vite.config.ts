import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONNECT_ORIGINS_SETTING, connectOrigins, contentSecurityPolicy } from './csp.ts';
import { appShell } from './vite-plugins/app-shell.ts';
import { noTestHooks } from './vite-plugins/no-test-hooks.ts';
import { preloadStart } from './vite-plugins/preload-start.ts';
import { pythonSnapshot } from './vite-plugins/python-snapshot.ts';

const require = createRequire(import.meta.url);
const PYODIDE_DIR = path.dirname(require.resolve('pyodide/package.json'));
/**
 * Where the runtime is served, under the app's base. Versioned (main.tsx builds the same path), so the files
 * may be cached for good: a new Pyodide comes with a new directory.
 */
const PYODIDE_PATH = `pyodide/${(require('pyodide/package.json') as { version: string }).version}/`;
/** What loadPyodide() fetches from its indexURL at runtime; pyodide.mjs itself is bundled into the worker. */
const PYODIDE_FILES = ['pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];
const MIME: Record<string, string> = {
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.json': 'application/json',
};

/**
 * Serves the Pyodide runtime from our own origin under `<base>pyodide/<version>/`: straight from node_modules
 * in dev, emitted into dist/pyodide/<version>/ by the build (which `vite preview` then serves). No CDN is ever
 * involved.
 */
function pyodideAssets(): Plugin {
  let base = '/';
  return {
    name: 'pyodide-assets',
    configResolved(config) {
      base = config.base;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0] ?? '';
        const prefix = `${base}${PYODIDE_PATH}`;
        const file = url.startsWith(prefix) ? url.slice(prefix.length) : '';
        if (!PYODIDE_FILES.includes(file)) return next();
        const full = path.join(PYODIDE_DIR, file);
        res.setHeader('Content-Type', MIME[path.extname(file)] ?? 'application/octet-stream');
        res.setHeader('Content-Length', statSync(full).size);
        createReadStream(full).pipe(res);
      });
    },
    generateBundle() {
      for (const file of PYODIDE_FILES) {
        this.emitFile({
          type: 'asset',
          fileName: `${PYODIDE_PATH}${file}`,
          source: readFileSync(path.join(PYODIDE_DIR, file)),
        });
      }
    },
  };
}

/**
 * `vite preview` sends `Cache-Control: no-cache` for every file, so each visit revalidates each script in
 * turn (page → executor worker → Pyodide's runtime), a round trip apiece before the warm start can go on.
 * The build's `assets/` are content-hashed and the Pyodide runtime's directory is versioned: a changed file
 * gets a new URL, so both may be cached for good, as a production host should serve them too (README).
 */
function immutableAssets(): Plugin {
  let prefixes: string[] = [];
  return {
    name: 'immutable-assets',
    configResolved(config) {
      prefixes = [`${config.base}${config.build.assetsDir}/`, `${config.base}${PYODIDE_PATH}`];
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = req.url ?? '';
        if (prefixes.some((p) => url.startsWith(p))) {
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        }
        next();
      });
    },
  };
}

/** Cross-origin isolation, so the supervisor can interrupt runaway Python through a SharedArrayBuffer. */
const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Origins workflow code may reach, set at build time (`STUDIO_CONNECT_ORIGINS=https://api.example.com npm run
 * build`): added to the policy's connect-src and to the executor's allow-list (README, "Real network").
 */
const CONNECT_ORIGINS = connectOrigins(process.env[CONNECT_ORIGINS_SETTING]);

/** The production headers: cross-origin isolation and the Content-Security-Policy (csp.ts, README). */
const PRODUCTION_HEADERS = {
  ...CROSS_ORIGIN_ISOLATION,
  'Content-Security-Policy': contentSecurityPolicy(CONNECT_ORIGINS),
};

export default defineConfig({
  // The snapshot sits next to the runtime files: the worker resolves its path against the same indexURL.
  // noTestHooks: `vite build` (mode production) fails if `window.__studio` or the benchmark page got in;
  // `vite build --mode test` (npm run test:e2e, the browser benchmarks) keeps them. preloadStart: index.html
  // names the chunks main.tsx imports at start, so they load alongside it. appShell: a classic script that shows
  // the editor before any module has run (src/shell/shell.ts).
  plugins: [
    react(),
    pyodideAssets(),
    pythonSnapshot({ pyodideDir: PYODIDE_PATH }),
    immutableAssets(),
    noTestHooks(),
    preloadStart(),
    appShell(path.resolve(import.meta.dirname, 'src/shell/shell.ts')),
  ],
  server: { headers: CROSS_ORIGIN_ISOLATION },
  preview: { headers: PRODUCTION_HEADERS },
  // pyodide is bundled into the worker as-is; dexie is imported only by the worker, so name it up front to
  // avoid a second dependency-optimisation pass in dev.
  optimizeDeps: { exclude: ['pyodide'], include: ['dexie'] },
  worker: { format: 'es' },
  define: { 'import.meta.env.STUDIO_CONNECT_ORIGINS': JSON.stringify(CONNECT_ORIGINS.join(' ')) },
  // Monaco alone is ~4 MB; the real budget is checked by hand in the README, not by this warning.
  build: { chunkSizeWarningLimit: 5000 },
});
