/**
 * docs/architecture.md lists every request of the protocol with its answer, and every Dexie version with its
 * tables. Both tables are written by hand for a stranger to read; these tests keep them equal to the code, so a
 * new request or a new `version(n)` that the page does not name fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_TYPE } from '../../src/protocol/worker-to-host';

const root = join(import.meta.dirname, '..', '..');
const page = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');

/** The rows of the Markdown table under `## heading`, as cells (header and rule rows left out). */
function tableUnder(heading: string): string[][] {
  const section = page.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';
  const rows = section.split('\n').filter((line) => line.startsWith('|'));
  return rows.slice(2).map((line) =>
    line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim()),
  );
}

const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);

describe('docs/architecture.md', () => {
  it('lists every protocol request with the answer the worker gives', () => {
    const documented: Record<string, string> = {};
    for (const [requests, answer] of tableUnder('The protocol')) {
      for (const request of names(requests ?? '')) documented[request] = names(answer ?? '')[0] ?? '';
    }
    expect(documented).toEqual({ ...OUTPUT_TYPE });
  });

  it('lists every Dexie version of StudioDB with the tables it adds', () => {
    const code = readFileSync(join(root, 'src', 'persistence', 'studio-db.ts'), 'utf8');
    const inCode: Record<string, string[]> = {};
    for (const [, version, stores] of code.matchAll(/this\.version\((\d+)\)\.stores\(\{([^}]*)\}/g)) {
      inCode[version as string] = [...(stores as string).matchAll(/(\w+):/g)].map((m) => m[1] as string).sort();
    }
    const documented: Record<string, string[]> = {};
    for (const [version, tables] of tableUnder('Storage')) documented[version ?? ''] = names(tables ?? '').sort();
    expect(Object.keys(inCode).length).toBeGreaterThanOrEqual(4);
    expect(documented).toEqual(inCode);
  });
});
