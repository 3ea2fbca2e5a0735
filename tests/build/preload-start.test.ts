import { describe, expect, it } from 'vitest';
import { type StartChunk, startFiles } from '../../vite-plugins/preload-start';

const chunk = (fileName: string, imports: string[] = [], dynamicImports: string[] = [], css: string[] = []) =>
  ({ fileName, imports, dynamicImports, css }) satisfies StartChunk;

describe('startFiles()', () => {
  it("names the entry's dynamic imports and their static imports, not what the entry links itself nor lazy parts", () => {
    const entry = chunk('index.js', ['react.js'], ['ui.js', 'files.js', 'react.js']);
    const chunks = new Map(
      [
        entry,
        chunk('react.js'),
        chunk('ui.js', ['react.js', 'analysis.js', 'files.js'], ['monaco.js', 'learn.js'], ['ui.css']),
        chunk('analysis.js', [], [], ['analysis.css']),
        chunk('files.js', ['dexie.js']),
        chunk('dexie.js'),
        chunk('monaco.js', ['editor.js'], [], ['monaco.css']),
        chunk('learn.js'),
      ].map((c) => [c.fileName, c]),
    );
    expect(startFiles(entry, chunks)).toEqual({
      scripts: ['ui.js', 'analysis.js', 'files.js', 'dexie.js'],
      styles: ['ui.css', 'analysis.css'],
    });
  });

  it('names nothing for an entry without dynamic imports', () => {
    const entry = chunk('index.js', ['react.js']);
    expect(startFiles(entry, new Map([[entry.fileName, entry]]))).toEqual({ scripts: [], styles: [] });
  });
});
