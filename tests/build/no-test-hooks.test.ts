import type { Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import { findTestHooks, noTestHooks } from '../../vite-plugins/no-test-hooks';

/** Runs the plugin's hooks as Vite would for a build in `mode` emitting `files`; returns the build error, if any. */
function build(
  mode: string,
  files: Record<string, { type: 'chunk'; code: string } | { type: 'asset'; source: string }>,
) {
  const plugin = noTestHooks() as Plugin & {
    configResolved(config: { mode: string }): void;
    generateBundle(this: { error(message: string): never }, options: unknown, bundle: unknown): void;
  };
  plugin.configResolved({ mode });
  const bundle = Object.fromEntries(Object.entries(files).map(([fileName, f]) => [fileName, { ...f, fileName }]));
  try {
    plugin.generateBundle.call(
      {
        error(message: string): never {
          throw new Error(message);
        },
      },
      {},
      bundle,
    );
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('no test hooks in a production build', () => {
  it('names each script that holds a hook, and which', () => {
    expect(
      findTestHooks([
        { fileName: 'assets/index-1.js', code: 'window.__studio=c;' },
        { fileName: 'assets/App-2.js', code: 'const x=1;' },
        { fileName: 'assets/GraphBench-3.js', code: 'window.__benchGraph={start(){}};window.__studio' },
      ]),
    ).toEqual(['assets/index-1.js: __studio', 'assets/GraphBench-3.js: __studio, __benchGraph']);
  });

  it('fails a production build whose scripts hold a hook, saying how to build the test flavour', () => {
    expect(build('production', { 'assets/index-1.js': { type: 'chunk', code: 'window.__studio=c;' } })).toBe(
      'The production build contains test hooks (build the test flavour with `vite build --mode test`): assets/index-1.js: __studio',
    );
  });

  it('passes a clean production build, assets that merely mention a name, and the test flavour with its hooks', () => {
    expect(build('production', { 'assets/index-1.js': { type: 'chunk', code: 'const x=1;' } })).toBeUndefined();
    expect(build('production', { 'docs.txt': { type: 'asset', source: 'window.__studio' } })).toBeUndefined();
    expect(build('test', { 'assets/index-1.js': { type: 'chunk', code: 'window.__studio=c;' } })).toBeUndefined();
  });
});
