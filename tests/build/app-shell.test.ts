import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildShell, executorWorkerFile, shellFileName } from '../../vite-plugins/app-shell';

const ENTRY = path.resolve(import.meta.dirname, '../../src/shell/shell.ts');

describe('app shell build', () => {
  it('is one small classic script (no import or export), with the starter and the light view’s rules in it', async () => {
    const code = await buildShell(ENTRY);
    expect(code.length).toBeLessThan(12 * 1024);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).toContain('WorkflowEntrypoint');
    expect(code).toContain('.light-editor__gutter');
    // No test hook may get into it (vite-plugins/no-test-hooks.ts checks only chunks).
    expect(code).not.toContain('__studio');
  });

  it('never throws, even where the page has no usable DOM (it then shows nothing)', async () => {
    const code = await buildShell(ENTRY);
    const removed: string[] = [];
    const element = (id: string) => ({ remove: () => removed.push(id) });
    const page = {
      window: { location: { hash: '' }, localStorage: undefined },
      document: { getElementById: element },
      performance: { getEntriesByName: () => [], mark: () => undefined },
    };
    expect(() => runInNewContext(code, page)).not.toThrow();
    const broken = {
      ...page,
      window: {
        location: { hash: '' },
        get localStorage(): Storage {
          throw new DOMException('denied', 'SecurityError');
        },
      },
    };
    expect(() => runInNewContext(code, broken)).not.toThrow();
    expect(removed).toEqual(['studio-shell', 'studio-shell-style']);
  });

  it('is named by its content, under the assets directory', () => {
    expect(shellFileName('assets', 'a')).toMatch(/^assets\/shell-[\w-]{8}\.js$/);
    expect(shellFileName('assets', 'a')).not.toBe(shellFileName('assets', 'b'));
    expect(shellFileName('assets', 'a')).toBe(shellFileName('assets', 'a'));
  });

  it('names the executor worker’s script, and only when exactly one file is it', () => {
    const others = ['assets/journal-mirror-worker-a1.js', 'assets/editor.worker-b2.js', 'assets/executor-worker-c3.js'];
    expect(executorWorkerFile([...others, 'assets/worker-Mv_Z5Cn7.js', 'index.html'], 'assets')).toBe(
      'assets/worker-Mv_Z5Cn7.js',
    );
    expect(executorWorkerFile(others, 'assets')).toBeUndefined();
    expect(executorWorkerFile(['assets/worker-a.js', 'assets/worker-b.js'], 'assets')).toBeUndefined();
    expect(executorWorkerFile(['static/worker-a.js'], 'assets')).toBeUndefined();
  });
});
