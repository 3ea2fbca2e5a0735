import { describe, expect, it, vi } from 'vitest';
import { openPythonFile } from './open-python-file';

const picked = (name: string, bytes: number[] | string) => ({
  name,
  arrayBuffer: async () =>
    (typeof bytes === 'string' ? new TextEncoder().encode(bytes) : Uint8Array.from(bytes)).buffer as ArrayBuffer,
});
const latin1 = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

describe('openPythonFile()', () => {
  it('reads a latin-1 file by its coding line, keeps it as UTF-8 and says so', async () => {
    const create = vi.fn(async (name: string) => ({ name }));
    const notify = vi.fn();
    const opened = await openPythonFile(picked('menu.py', latin1('# -*- coding: latin-1 -*-\nDISH = "caf\xe9"\n')), {
      create,
      notify,
    });
    expect(opened).toBe(true);
    expect(create).toHaveBeenCalledWith('menu.py', '# -*- coding: utf-8 -*-\nDISH = "café"\n');
    expect(notify).toHaveBeenCalledWith({
      tone: 'info',
      title: 'Opened menu.py',
      detail: 'Read as iso-8859-1, as its coding line says; kept as UTF-8, so its coding line now says utf-8.',
    });
  });

  it('refuses a latin-1 file without a coding line, with the line and byte offset; creates nothing', async () => {
    const create = vi.fn();
    const notify = vi.fn();
    expect(await openPythonFile(picked('menu.py', latin1('DISH = "caf\xe9"\n')), { create, notify })).toBe(false);
    expect(create).not.toHaveBeenCalled();
    expect(notify).toHaveBeenCalledWith({
      tone: 'error',
      title: 'Could not open menu.py',
      detail: `SyntaxError: Non-UTF-8 code starting with '\\xe9' in file menu.py on line 1 (byte offset 11), but no encoding declared; add a line "# -*- coding: <encoding> -*-" or save the file as UTF-8 (see https://peps.python.org/pep-0263/)`,
    });
  });

  it('opens a UTF-8 file with a BOM without the BOM, under a studio file name', async () => {
    const create = vi.fn(async (name: string) => ({ name }));
    const notify = vi.fn();
    await openPythonFile(picked('my flow.py', '\ufeffx = "café"\n'), { create, notify });
    expect(create).toHaveBeenCalledWith('my_flow.py', 'x = "café"\n');
    expect(notify).toHaveBeenCalledWith(expect.objectContaining({ title: 'Opened my flow.py as my_flow.py' }));
  });
});
