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
import { type Plugin as RolldownPlugin, rolldown } from 'rolldown';
import type { Plugin } from 'vite';

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
      handler() {
        if (!fileName) return [];
        // `defer` and before the entry module: deferred scripts run in document order, after parsing. A deferred
        // script is fetched at low priority, which Chromium holds back behind the start chunks' high-priority
        // preloads even from its HTTP cache: hence `fetchpriority=high` (measured: docs/start-up.md).
        return [
          {
            tag: 'script',
            attrs: { defer: true, fetchpriority: 'high', src: `${base}${fileName}` },
            injectTo: 'head-prepend',
          },
        ];
      },
    },
  };
}
