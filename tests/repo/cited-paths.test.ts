/**
 * Every repository path the code and the docs cite exists: a comment or README naming a file that was renamed
 * or never existed (a Python docstring once cited a bridge file that was never there) sends a reader nowhere. A path is
 * looked up from the repository root and from the citing file's folder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
/** Paths cited that are not files of this repository, and why. */
const NOT_OURS = new Map([['src/entry.py', 'the entry file of the exported Cloudflare project (src/export)']]);
const CITED =
  /(?<![\w./-])((?:src|docs|tests|e2e|bench|vite-plugins|bin|lessons)\/[\w./-]+\.(?:tsx|ts|py|md|json|mjs))(?!\w)/g;
/** A Markdown link to a file or folder of the repository, relative to the linking file: `[text](../src/engine/)`. */
const LINKED = /\]\((?!https?:|mailto:|#)([^)\s#]+)(?:#[^)]*)?\)/g;

function citingFiles(): string[] {
  const listed = execFileSync(
    'git',
    ['ls-files', 'src', 'docs', 'tests', 'e2e', 'bench', 'vite-plugins', 'lessons', 'README.md'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  return listed.split('\n').filter((f) => /\.(ts|tsx|py|md)$/.test(f) && existsSync(join(root, f)));
}

describe('cited paths', () => {
  it('finds the files it scans, and cites found in them', () => {
    const files = citingFiles();
    expect(files.length).toBeGreaterThan(300);
    const cites = files.flatMap((f) => [...readFileSync(join(root, f), 'utf8').matchAll(CITED)]);
    expect(cites.length).toBeGreaterThan(100);
  });

  it('cites only files that exist', () => {
    const missing: string[] = [];
    for (const file of citingFiles()) {
      for (const [, cited] of readFileSync(join(root, file), 'utf8').matchAll(CITED)) {
        const path = cited as string;
        if (NOT_OURS.has(path)) continue;
        if (!existsSync(join(root, path)) && !existsSync(join(root, dirname(file), path))) {
          missing.push(`${file} cites ${path}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('links only to files and folders that exist, in READMEs and docs', () => {
    const missing: string[] = [];
    const markdown = citingFiles().filter((f) => f.endsWith('.md'));
    let links = 0;
    for (const file of markdown) {
      for (const [, target] of readFileSync(join(root, file), 'utf8').matchAll(LINKED)) {
        links++;
        if (!existsSync(join(root, dirname(file), target as string))) missing.push(`${file} links to ${target}`);
      }
    }
    expect(links).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});
