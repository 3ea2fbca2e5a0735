import { describe, expect, it } from 'vitest';
import { OPEN_FILE_COPY_KEY } from '../persistence/open-file-copy';
import { shellContent } from './shell-content';
import { shellHandOver, typedPart } from './shell-state';

/** A Storage over a Map (what `shellContent` reads of localStorage). */
function storage(entries: Record<string, string>): Pick<Storage, 'getItem' | 'length' | 'key'> {
  const map = new Map(Object.entries(entries));
  return {
    getItem: (key) => map.get(key) ?? null,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
  };
}

const COPY = { id: 'f1', name: 'flow.py', source: 'print(1)\n', version: 3, createdAt: 1, updatedAt: 2 };

describe('app shell: what it shows', () => {
  it('shows the open file from its copy in localStorage', () => {
    const s = storage({ [OPEN_FILE_COPY_KEY]: JSON.stringify(COPY), 'workflow-studio.busy-attempts': '[]' });
    expect(shellContent(s, 'STARTER')).toEqual({ fileId: 'f1', text: 'print(1)\n' });
  });

  it('shows the starter when the studio never ran in this browser (other sites’ keys do not count)', () => {
    expect(shellContent(storage({}), 'STARTER')).toEqual({ fileId: null, text: 'STARTER' });
    expect(shellContent(storage({ 'other-app.x': '1' }), 'STARTER')).toEqual({ fileId: null, text: 'STARTER' });
  });

  it('shows nothing when the studio ran here but left no usable copy (the open file is only in IndexedDB)', () => {
    expect(shellContent(storage({ 'workflow-studio.busy-attempts': '[]' }), 'STARTER')).toBeNull();
    const broken = storage({ [OPEN_FILE_COPY_KEY]: '{"id": 1' });
    expect(shellContent(broken, 'STARTER')).toBeNull();
  });

  it('shows nothing without localStorage, or when reading it throws', () => {
    expect(shellContent(undefined, 'STARTER')).toBeNull();
    const throwing = {
      getItem: () => null,
      key: () => null,
      get length(): number {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(shellContent(throwing, 'STARTER')).toBeNull();
  });
});

describe('app shell: what the React editor takes over', () => {
  it('takes the typed text and the selection when it shows what the shell showed', () => {
    expect(shellHandOver({ base: 'a', text: 'ab' }, 'a')).toEqual({ text: 'ab', selection: true, lost: null });
  });

  it('takes only the selection when nothing was typed', () => {
    expect(shellHandOver({ base: 'a', text: 'a' }, 'a')).toEqual({ text: null, selection: true, lost: null });
  });

  it('takes nothing from an untouched shell that showed other text', () => {
    expect(shellHandOver({ base: 'starter', text: 'starter' }, 'mine')).toEqual({
      text: null,
      selection: false,
      lost: null,
    });
  });

  it('never applies what was typed into other text to the open file: it is reported as lost', () => {
    expect(shellHandOver({ base: 'starter', text: 'starter!' }, 'mine')).toEqual({
      text: null,
      selection: false,
      lost: 'starter!',
    });
  });

  it('loses nothing when the open file already holds exactly what was typed', () => {
    expect(shellHandOver({ base: 'old', text: 'new' }, 'new')).toEqual({ text: null, selection: true, lost: null });
  });
});

describe('app shell: what typing changed, for a notice', () => {
  it('finds the inserted text and the line it starts on', () => {
    expect(typedPart('a\nb\nc', 'a\nbX Y\nc')).toEqual({ line: 2, inserted: 'X Y' });
    expect(typedPart('abc', 'abc\n# more')).toEqual({ line: 1, inserted: '\n# more' });
    expect(typedPart('abc', 'Zabc')).toEqual({ line: 1, inserted: 'Z' });
  });

  it('keeps a repeated character whole (the common end never overlaps the common start)', () => {
    expect(typedPart('aa', 'aaa')).toEqual({ line: 1, inserted: 'a' });
  });

  it('finds nothing inserted when text was only deleted', () => {
    expect(typedPart('a\nbc', 'a\nc')).toEqual({ line: 2, inserted: '' });
  });
});
