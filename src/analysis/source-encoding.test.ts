import { describe, expect, it } from 'vitest';
import { declareUtf8, decodePythonSource, firstInvalidUtf8 } from './source-encoding';

/** Bytes from a string whose characters are all below 256 (each one byte, as in a latin-1 file). */
const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const utf8 = (text: string) => new TextEncoder().encode(text);
const BOM = '\xef\xbb\xbf';

describe('decodePythonSource() follows PEP 263 as CPython does', () => {
  it('reads latin-1 bytes with a coding declaration on the first line', () => {
    const result = decodePythonSource(bytes('# -*- coding: latin-1 -*-\nNAME = "caf\xe9"\n'), 'flow.py');
    expect(result).toEqual({
      ok: true,
      text: '# -*- coding: latin-1 -*-\nNAME = "café"\n',
      encoding: 'iso-8859-1',
    });
  });

  it('honours a declaration on the second line after a shebang (vim style), not after code', () => {
    const vim = decodePythonSource(
      bytes('#!/usr/bin/env python\n# vim: set fileencoding=latin-1 :\nNAME = "caf\xe9"\n'),
      'flow.py',
    );
    expect(vim).toMatchObject({ ok: true, encoding: 'iso-8859-1', text: expect.stringContaining('"café"') });
    const late = decodePythonSource(bytes('x = 1\n# coding: latin-1\nNAME = "caf\xe9"\n'), 'flow.py');
    expect(late).toEqual({
      ok: false,
      message: `SyntaxError: Non-UTF-8 code starting with '\\xe9' in file flow.py on line 3 (byte offset 35), but no encoding declared; add a line "# -*- coding: <encoding> -*-" or save the file as UTF-8 (see https://peps.python.org/pep-0263/)`,
    });
  });

  it('refuses latin-1 bytes without a declaration, with the line and byte offset of the first bad byte', () => {
    const source = 'x = 1\nNAME = "caf\xe9"\n';
    const result = decodePythonSource(bytes(source), 'flow.py');
    expect(source.indexOf('\xe9')).toBe(17);
    expect(result).toEqual({
      ok: false,
      message: `SyntaxError: Non-UTF-8 code starting with '\\xe9' in file flow.py on line 2 (byte offset 17), but no encoding declared; add a line "# -*- coding: <encoding> -*-" or save the file as UTF-8 (see https://peps.python.org/pep-0263/)`,
    });
  });

  it('reads UTF-8 with and without a byte-order mark (dropped), and refuses a BOM with another declaration', () => {
    expect(decodePythonSource(utf8('NAME = "café"\n'), 'f.py')).toEqual({
      ok: true,
      text: 'NAME = "café"\n',
      encoding: 'utf-8',
    });
    expect(decodePythonSource(utf8(`\ufeffNAME = "café"\n`), 'f.py')).toEqual({
      ok: true,
      text: 'NAME = "café"\n',
      encoding: 'utf-8',
    });
    expect(decodePythonSource(utf8('\ufeff# coding: utf-8\nNAME = "café"\n'), 'f.py')).toMatchObject({ ok: true });
    expect(decodePythonSource(bytes(`${BOM}# coding: latin-1\nx = 1\n`), 'f.py')).toEqual({
      ok: false,
      message: 'SyntaxError: encoding problem: iso-8859-1 with BOM',
    });
    // The offset counts the BOM's three bytes, as a hex editor would.
    expect(decodePythonSource(bytes(`${BOM}x = "\xe9"\n`), 'f.py')).toMatchObject({
      ok: false,
      message: expect.stringContaining('on line 1 (byte offset 8)'),
    });
  });

  it('refuses a declaration naming an encoding Python does not know', () => {
    expect(decodePythonSource(bytes('# coding: latin-99\nx = 1\n'), 'f.py')).toEqual({
      ok: false,
      message:
        'SyntaxError: encoding problem: latin-99 (an encoding Python does not know, or one this studio cannot read; save the file as UTF-8)',
    });
  });

  it('refuses bytes that are not valid in the declared encoding, saying where', () => {
    expect(decodePythonSource(bytes('# coding: ascii\nNAME = "caf\xe9"\n'), 'f.py')).toEqual({
      ok: false,
      message:
        "SyntaxError: (unicode error) 'ascii' codec can't decode byte 0xe9 in file f.py on line 2 (byte offset 27): ordinal not in range(128)",
    });
    expect(decodePythonSource(bytes('# coding: utf-8\nNAME = "caf\xe9"\n'), 'f.py')).toEqual({
      ok: false,
      message:
        "SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0xe9 in file f.py on line 2 (byte offset 27): invalid start or continuation byte",
    });
  });

  it('reads other declared encodings (cp1252, shift_jis) with the platform decoder', () => {
    expect(decodePythonSource(bytes('# coding: cp1252\nPRICE = "\x80 5"\n'), 'f.py')).toMatchObject({
      ok: true,
      text: '# coding: cp1252\nPRICE = "€ 5"\n',
      encoding: 'cp1252',
    });
    expect(decodePythonSource(bytes('# coding: cp1252\nX = "\x81"\n'), 'f.py')).toEqual({
      ok: false,
      message:
        "SyntaxError: (unicode error) 'cp1252' codec can't decode byte 0x81 in file f.py on line 2 (byte offset 22): character maps to <undefined>",
    });
    expect(decodePythonSource(bytes('# coding=shift_jis\nX = "\x82\xa0"\n'), 'f.py')).toMatchObject({
      ok: true,
      text: '# coding=shift_jis\nX = "あ"\n',
    });
  });
});

describe('firstInvalidUtf8()', () => {
  it('finds truncated, overlong, surrogate and out-of-range sequences; -1 for valid UTF-8', () => {
    expect(firstInvalidUtf8(utf8('ascii, é, €, 😀'))).toBe(-1);
    expect(firstInvalidUtf8(bytes('ab\xc3'))).toBe(2); // truncated
    expect(firstInvalidUtf8(bytes('a\xc0\xaf'))).toBe(1); // overlong "/"
    expect(firstInvalidUtf8(bytes('a\xe0\x80\xaf'))).toBe(1); // overlong 3-byte
    expect(firstInvalidUtf8(bytes('\xed\xa0\x80'))).toBe(0); // a UTF-16 surrogate
    expect(firstInvalidUtf8(bytes('\xf4\x90\x80\x80'))).toBe(0); // above U+10FFFF
    expect(firstInvalidUtf8(bytes('ok\x80'))).toBe(2); // a lone continuation byte
  });
});

describe('declareUtf8()', () => {
  it('makes a declaration on line 1 or 2 say utf-8, keeping the rest of the line', () => {
    expect(declareUtf8('# -*- coding: latin-1 -*-\nx = "café"\n')).toBe('# -*- coding: utf-8 -*-\nx = "café"\n');
    expect(declareUtf8('#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\nx = 1\n')).toBe(
      '#!/usr/bin/env python\n# vim: set fileencoding=utf-8 :\nx = 1\n',
    );
  });

  it('leaves text with no declaration, a UTF-8 one, or one after code as it is', () => {
    for (const text of ['x = 1\n', '# coding: utf-8\nx = 1\n', '# coding: UTF_8\n', 'x = 1\n# coding: latin-1\n']) {
      expect(declareUtf8(text)).toBe(text);
    }
  });
});
