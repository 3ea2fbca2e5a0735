/**
 * Each folder's README lists what the folder holds, so a stranger finds a file from the README and a README never
 * forgets a file added later. Layers under src/ name every source file (tests and fixtures aside) by its file
 * name; src/ui, too large to list file by file, names every subfolder and each file at its top; lessons/ names its
 * code files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function tracked(folder: string): string[] {
  return execFileSync('git', ['ls-files', folder], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f !== '' && existsSync(join(root, f)));
}

/** Source files a README must name: code, not tests, fixtures or generated declarations. */
const isListed = (file: string) =>
  /\.(ts|tsx|py|mjs)$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.includes('/__fixtures__/');

const layers = [
  'analysis',
  'cli',
  'engine',
  'executor',
  'export',
  'persistence',
  'protocol',
  'runtime',
  'store',
  'supervisor',
];

function unnamed(readme: string, files: string[]): string[] {
  const text = readFileSync(join(root, readme), 'utf8');
  return files.filter((f) => !text.includes(basename(f)));
}

describe('folder READMEs', () => {
  it.each(layers)('src/%s/README.md names every source file of the folder', (layer) => {
    const files = tracked(`src/${layer}`).filter(isListed);
    expect(files.length).toBeGreaterThan(0);
    expect(unnamed(`src/${layer}/README.md`, files)).toEqual([]);
  });

  it('src/ui/README.md names every subfolder and every file at its top', () => {
    const files = tracked('src/ui');
    const folders = [...new Set(files.filter((f) => f.split('/').length > 3).map((f) => f.split('/')[2]))].map(
      (name) => `${name}/`,
    );
    const top = files.filter((f) => f.split('/').length === 3 && isListed(f));
    const text = readFileSync(join(root, 'src/ui/README.md'), 'utf8');
    expect(folders.length).toBeGreaterThan(10);
    expect(folders.filter((name) => !text.includes(name))).toEqual([]);
    expect(unnamed('src/ui/README.md', top)).toEqual([]);
  });

  it('lessons/README.md names its code files', () => {
    const files = tracked('lessons').filter((f) => f.split('/').length === 2 && isListed(f));
    expect(files.length).toBeGreaterThan(0);
    expect(unnamed('lessons/README.md', files)).toEqual([]);
  });
});
