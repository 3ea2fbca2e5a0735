/**
 * The page's entry (src/main.tsx) starts the executor worker first and only then imports, at once, what the
 * first render needs (the UI bundle, React DOM, the files controller): dynamic imports, so the worker's start
 * is not queued behind them. Without a hint the browser learns of those chunks only once the entry has been
 * fetched and run; this plugin names them in index.html as `modulepreload` links (and their CSS as `preload`),
 * so they are fetched and compiled alongside the entry. What they import lazily themselves (Monaco, dialogs,
 * panels) is not named.
 */
import type { HtmlTagDescriptor, Plugin } from 'vite';

/** What the plugin needs of an emitted chunk. */
export interface StartChunk {
  fileName: string;
  imports: readonly string[];
  dynamicImports: readonly string[];
  css: readonly string[];
}

/**
 * The files to preload for an entry: its dynamic imports and everything they import statically, minus what the
 * entry already imports statically (the build links those itself); CSS of those chunks apart.
 */
export function startFiles(
  entry: StartChunk,
  chunks: ReadonlyMap<string, StartChunk>,
): { scripts: string[]; styles: string[] } {
  const own = new Set<string>([entry.fileName]);
  const staticOf = (name: string) => {
    const stack = [name];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (own.has(next)) continue;
      own.add(next);
      stack.push(...(chunks.get(next)?.imports ?? []));
    }
  };
  for (const name of entry.imports) staticOf(name);
  const scripts: string[] = [];
  const seen = new Set(own);
  const stack = [...entry.dynamicImports].reverse();
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    scripts.push(next);
    stack.push(...[...(chunks.get(next)?.imports ?? [])].reverse());
  }
  const styles = [...new Set(scripts.flatMap((s) => chunks.get(s)?.css ?? []))];
  return { scripts, styles };
}

/** The Vite plugin: adds the preload links to the built index.html (the dev server serves modules one by one). */
export function preloadStart(): Plugin {
  let base = '/';
  return {
    name: 'preload-start',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, { chunk, bundle }) {
        if (!chunk || !bundle) return [];
        const chunks = new Map<string, StartChunk>();
        for (const out of Object.values(bundle)) {
          if (out.type !== 'chunk') continue;
          chunks.set(out.fileName, {
            fileName: out.fileName,
            imports: out.imports,
            dynamicImports: out.dynamicImports,
            css: [...(out.viteMetadata?.importedCss ?? [])],
          });
        }
        const entry = chunks.get(chunk.fileName);
        if (!entry) return [];
        const { scripts, styles } = startFiles(entry, chunks);
        const link = (attrs: Record<string, string>): HtmlTagDescriptor => ({
          tag: 'link',
          attrs: { ...attrs, crossorigin: true },
          injectTo: 'head',
        });
        return [
          ...scripts.map((s) => link({ rel: 'modulepreload', href: `${base}${s}` })),
          ...styles.map((s) => link({ rel: 'preload', as: 'style', href: `${base}${s}` })),
        ];
      },
    },
  };
}
