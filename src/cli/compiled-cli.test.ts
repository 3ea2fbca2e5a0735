/**
 * The CLI compiled on first use (bin/cli-build.mjs): made from the sources into a cache folder, reused while they
 * are unchanged, made again when one changes, keeping each file's own location (`import.meta.url`), and
 * undefined (the bin then runs through tsx) when it cannot be written. On a small project of its own in a
 * temporary folder, so the repository's cache is left alone.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledCli } from '../../bin/cli-build.mjs';

const root = mkdtempSync(join(tmpdir(), 'ws-compiled-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'src'));
const entry = join(root, 'src', 'main.ts');
const helper = join(root, 'src', 'where.ts');
writeFileSync(entry, "import { where, word } from './where';\nexport const said: string = word + ' from ' + where;\n");
const writeHelper = (word: string) =>
  writeFileSync(helper, `export const word: string = '${word}';\nexport const where = import.meta.url;\n`);
writeHelper('hello');
const dir = join(root, 'cache', 'cli');

/** Imports the bundle afresh (a query makes a new module instance) and returns what it says. */
async function said(url: string): Promise<string> {
  return ((await import(`${url}?t=${Date.now()}${Math.random()}`)) as { said: string }).said;
}

describe('the compiled CLI', () => {
  it('is made on first use, keeping a source file its own import.meta.url', async () => {
    const url = await compiledCli({ root, entry, dir });
    expect(url).toBe(pathToFileURL(join(dir, 'main.mjs')).href);
    expect(await said(url as string)).toBe(`hello from ${pathToFileURL(helper).href}`);
  });

  it('is reused while its sources are unchanged, and made again when one changes', async () => {
    const bundle = join(dir, 'main.mjs');
    const before = statSync(bundle).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    await compiledCli({ root, entry, dir });
    expect(statSync(bundle).mtimeMs).toBe(before);

    writeHelper('changed');
    const later = new Date(Date.now() + 5_000);
    utimesSync(helper, later, later); // a distinct mtime even on coarse file system clocks
    const url = await compiledCli({ root, entry, dir });
    expect(statSync(bundle).mtimeMs).not.toBe(before);
    expect(await said(url as string)).toBe(`changed from ${pathToFileURL(helper).href}`);
  });

  it('is undefined when it cannot be written (the bin then runs the TypeScript through tsx)', async () => {
    const blocked = join(root, 'blocked');
    writeFileSync(blocked, 'a file where the cache folder would be');
    expect(await compiledCli({ root, entry, dir: join(blocked, 'cli') })).toBeUndefined();
  });
});
