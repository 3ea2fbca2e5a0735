/**
 * The app shell (`src/shell/shell.ts`): built here into one small classic script (an IIFE; the CSP allows no
 * inline script), emitted as a hashed asset under `assets/` (served immutable like the others) and named in
 * index.html's head as a `defer` script before the entry module, so it runs first, once the document is parsed
 * (`#root` exists), and shows the editor before any module has been fetched. Build only: the dev server serves
 * modules one by one, and the studio works without the shell (the React editor shows the code a little later).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { version as pyodideVersion } from 'pyodide/package.json';
import { type Plugin as RolldownPlugin, rolldown } from 'rolldown';
import type { Plugin } from 'vite';
import { EXECUTOR_WORKER_ATTR, PYODIDE_INDEX_ATTR } from '../src/shell/early-executor.ts';

/** `?raw` imports (the light view's stylesheet, the starter workflow) as strings, as Vite does. */
const rawImports: RolldownPlugin = {
  name: 'shell-raw',
  resolveId(source, importer) {
    if (!source.endsWith('?raw') || !importer) return null;
    return `${path.resolve(path.dirname(importer), source.slice(0, -'?raw'.length))}?raw`;
  },
  load(id) {
    if (!id.endsWith('?raw')) return null;
    return `export default ${JSON.stringify(readFileSync(id.slice(0, -'?raw'.length), 'utf8'))};`;
  },
};

/** The shell's script: `entry` and what it imports, minified, as one classic script. */
export async function buildShell(entry: string): Promise<string> {
  const bundle = await rolldown({ input: entry, plugins: [rawImports], platform: 'browser', logLevel: 'warn' });
  try {
    const { output } = await bundle.generate({ format: 'iife', minify: true });
    const [chunk] = output;
    return chunk.code;
  } finally {
    await bundle.close();
  }
}

/** The asset's path under the output directory: content-hashed, like Vite's own. */
export function shellFileName(assetsDir: string, code: string): string {
  const hash = createHash('sha256').update(code).digest('base64url').slice(0, 8);
  return `${assetsDir}/shell-${hash}.js`;
}

/**
 * The executor worker's built script among a bundle's files: `<assetsDir>/worker-<hash>.js`, the name Vite gives
 * `new URL('./executor/worker.ts', import.meta.url)` in main.tsx (the other workers' names end in `-worker` or
 * `.worker`). Undefined unless exactly one matches.
 */
export function executorWorkerFile(fileNames: readonly string[], assetsDir: string): string | undefined {
  const pattern = new RegExp(`^${assetsDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/worker-[\\w-]+\\.js$`);
  const found = fileNames.filter((name) => pattern.test(name));
  return found.length === 1 ? found[0] : undefined;
}

/** The Vite plugin. `entry`: the shell's source (`src/shell/shell.ts`). */
export function appShell(entry: string): Plugin {
  let base = '/';
  let assetsDir = 'assets';
  let fileName: string | undefined;
  return {
    name: 'app-shell',
    apply: 'build',
    configResolved(config) {
      base = config.base;
      assetsDir = config.build.assetsDir;
    },
    async buildStart() {
      const code = await buildShell(entry);
      fileName = shellFileName(assetsDir, code);
      this.emitFile({ type: 'asset', fileName, source: code });
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        if (!fileName) return [];
        // The executor worker the shell spawns (src/shell/early-executor.ts): its built script, and Pyodide's
        // folder as main.tsx names it. Without a single such script the shell spawns none (main.tsx does).
        const worker = executorWorkerFile(Object.keys(bundle ?? {}), assetsDir);
        const executor = worker
          ? { [EXECUTOR_WORKER_ATTR]: `${base}${worker}`, [PYODIDE_INDEX_ATTR]: `${base}pyodide/${pyodideVersion}/` }
          : {};
        // `defer` and before the entry module: deferred scripts run in document order, after parsing. A deferred
        // script is fetched at low priority, which Chromium holds back behind the start chunks' high-priority
        // preloads even from its HTTP cache: hence `fetchpriority=high` (measured: docs/start-up.md).
        return [
          {
            tag: 'script',
            attrs: { defer: true, fetchpriority: 'high', src: `${base}${fileName}`, ...executor },
            injectTo: 'head-prepend',
          },
        ];
      },
    },
  };
}
