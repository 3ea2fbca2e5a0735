/**
 * Test hooks stay out of the production build. The studio exposes its client as `window.__studio` and renders
 * the graph benchmark page (`?bench=graph`, which installs `window.__benchGraph`) only in the dev server and
 * in the test flavour of the build (`vite build --mode test`: what `npm run test:e2e` and the browser
 * benchmarks build). A production build (`vite build`, mode `production`) fails when any emitted script still
 * names one of them, so a guard removed by mistake cannot ship.
 */
import type { Plugin } from 'vite';

/** The global names only test and benchmark builds may contain. Property names survive minification. */
export const TEST_HOOK_NAMES = ['__studio', '__benchGraph'] as const;

/** One emitted script: its file name and code. */
export interface EmittedScript {
  fileName: string;
  code: string;
}

/** Which test hooks each script names ("assets/index-abc.js: __studio"), none when the build is clean. */
export function findTestHooks(scripts: readonly EmittedScript[]): string[] {
  const found: string[] = [];
  for (const { fileName, code } of scripts) {
    const names = TEST_HOOK_NAMES.filter((name) => code.includes(name));
    if (names.length > 0) found.push(`${fileName}: ${names.join(', ')}`);
  }
  return found;
}

/** The Vite plugin: in a production build, fails the build if an emitted script holds a test hook. */
export function noTestHooks(): Plugin {
  let production = false;
  return {
    name: 'no-test-hooks',
    apply: 'build',
    configResolved(config) {
      production = config.mode === 'production';
    },
    generateBundle(_options, bundle) {
      if (!production) return;
      const scripts = Object.values(bundle).flatMap((file) =>
        file.type === 'chunk' ? [{ fileName: file.fileName, code: file.code }] : [],
      );
      const found = findTestHooks(scripts);
      if (found.length > 0) {
        this.error(
          `The production build contains test hooks (build the test flavour with \`vite build --mode test\`): ${found.join('; ')}`,
        );
      }
    },
  };
}
