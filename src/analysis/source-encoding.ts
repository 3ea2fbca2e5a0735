/**
 * Reading a Python source file's bytes as Python does (PEP 263): UTF-8 unless a coding declaration on the first
 * or second line names another encoding; a UTF-8 byte-order mark is dropped (and then only a UTF-8 declaration
 * is allowed). A file that is not valid in its encoding is refused — never decoded with replacement characters —
 * in CPython's words, with the line and the byte offset of the first bad byte. The studio, the CLI and the export
 * read and write sources as text in UTF-8, so `declareUtf8` rewrites a declaration to match.
 */

/** The decoded source, or the one-line message saying why the bytes are not a Python source. */
export type DecodedSource =
  | { ok: true; text: string /** Python's name of the encoding the bytes were read in. */; encoding: string }
  | { ok: false; message: string };

/** PEP 263's declaration: a comment line with `coding:` or `coding=` and the encoding's name. */
const CODING = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
/** The second line is looked at only when the first holds nothing but a comment (or nothing). */
const ONLY_COMMENT = /^[ \t\f]*(?:#|$)/;

/** Python's encoding names (and common aliases, normalised: lower case, `_` → `-`) → a WHATWG decoder label. */
const DECODERS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  u8: 'utf-8',
  'utf-8-sig': 'utf-8',
  'iso-8859-1': 'latin-1',
  'latin-1': 'latin-1',
  latin1: 'latin-1',
  'iso-latin-1': 'latin-1',
  iso8859: 'latin-1',
  'iso8859-1': 'latin-1',
  l1: 'latin-1',
  cp819: 'latin-1',
  ascii: 'ascii',
  'us-ascii': 'ascii',
  '646': 'ascii',
  'iso-8859-15': 'iso-8859-15',
  'iso8859-15': 'iso-8859-15',
  'latin-9': 'iso-8859-15',
  latin9: 'iso-8859-15',
  'iso-8859-2': 'iso-8859-2',
  'latin-2': 'iso-8859-2',
  latin2: 'iso-8859-2',
  cp1250: 'windows-1250',
  'windows-1250': 'windows-1250',
  cp1251: 'windows-1251',
  'windows-1251': 'windows-1251',
  cp1252: 'cp1252',
  'windows-1252': 'cp1252',
  'koi8-r': 'koi8-r',
  'koi8-u': 'koi8-u',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  'euc-jp': 'euc-jp',
  'euc-kr': 'euc-kr',
  gbk: 'gbk',
  gb2312: 'gbk',
  gb18030: 'gb18030',
  big5: 'big5',
  'mac-roman': 'macintosh',
};

/** CPython's normal form of a declared name (tokenizer.c `get_normal_name`), used in its messages. */
function normalName(name: string): string {
  const n = name.toLowerCase().replaceAll('_', '-');
  if (n === 'utf-8' || n.startsWith('utf-8-')) return 'utf-8';
  for (const latin of ['latin-1', 'iso-8859-1', 'iso-latin-1']) {
    if (n === latin || n.startsWith(`${latin}-`)) return 'iso-8859-1';
  }
  return name;
}

/** `'\xe9'`, as Python writes a byte. */
const byteText = (b: number) => `'\\x${b.toString(16).padStart(2, '0')}'`;

/** The 1-based line of byte `offset`. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
  return line;
}

/** The offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** The first two lines as text (they are ASCII wherever a declaration can be). */
function headLines(bytes: Uint8Array): [string, string] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length && lines.length < 2; i++) {
    if (i === bytes.length || bytes[i] === 10) {
      lines.push(String.fromCharCode(...bytes.subarray(start, Math.min(i, start + 400))));
      start = i + 1;
    }
  }
  return [lines[0] ?? '', lines[1] ?? ''];
}

/** The encoding a declaration on line 1 or 2 names, as written, if there is one. */
export function declaredEncoding(firstLine: string, secondLine: string): string | undefined {
  const first = CODING.exec(firstLine);
  if (first) return first[1];
  if (!ONLY_COMMENT.test(firstLine.replace(/\r$/, ''))) return undefined;
  return CODING.exec(secondLine)?.[1];
}

/** Reads `bytes` (the file `fileName`) as Python would, or says why Python would refuse it. */
export function decodePythonSource(bytes: Uint8Array, fileName: string): DecodedSource {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const [first, second] = headLines(body);
  const declared = declaredEncoding(first, second);
  const where = (offset: number) =>
    `in file ${fileName} on line ${lineAt(body, offset)} (byte offset ${offset + (bom ? 3 : 0)})`;

  if (declared === undefined) {
    const bad = firstInvalidUtf8(body);
    if (bad >= 0) {
      return {
        ok: false,
        message: `SyntaxError: Non-UTF-8 code starting with ${byteText(body[bad] as number)} ${where(bad)}, but no encoding declared; add a line "# -*- coding: <encoding> -*-" or save the file as UTF-8 (see https://peps.python.org/pep-0263/)`,
      };
    }
    return { ok: true, text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8' };
  }

  const name = normalName(declared);
  const decoder = DECODERS[name.toLowerCase().replaceAll('_', '-')];
  if (decoder === undefined) {
    return {
      ok: false,
      message: `SyntaxError: encoding problem: ${name} (an encoding Python does not know, or one this studio cannot read; save the file as UTF-8)`,
    };
  }
  if (bom && decoder !== 'utf-8') return { ok: false, message: `SyntaxError: encoding problem: ${name} with BOM` };
  if (decoder === 'latin-1') return { ok: true, text: latin1(body), encoding: name };
  if (decoder === 'cp1252') return cp1252(body, name, where);
  if (decoder === 'ascii' || decoder === 'utf-8') {
    const bad = decoder === 'ascii' ? body.findIndex((b) => b > 0x7f) : firstInvalidUtf8(body);
    if (bad >= 0) {
      const why = decoder === 'ascii' ? 'ordinal not in range(128)' : 'invalid start or continuation byte';
      return {
        ok: false,
        message: `SyntaxError: (unicode error) '${name}' codec can't decode byte 0x${(body[bad] as number).toString(16).padStart(2, '0')} ${where(bad)}: ${why}`,
      };
    }
    return { ok: true, text: new TextDecoder('utf-8').decode(body), encoding: name };
  }
  try {
    return { ok: true, text: new TextDecoder(decoder, { fatal: true }).decode(body), encoding: name };
  } catch {
    return {
      ok: false,
      message: `SyntaxError: (unicode error) '${name}' codec can't decode ${fileName}: it is not valid ${name}`,
    };
  }
}

/** What Python's cp1252 makes of bytes 0x80–0x9f ('' where it has no character and refuses the byte). */
const CP1252_HIGH = '€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ';

/**
 * Python's cp1252, by hand: Node's TextDecoder reads "windows-1252" as ISO-8859-1 (0x80 is U+0080, not €), and
 * Python refuses the five bytes cp1252 leaves undefined where a browser maps them to control characters.
 */
function cp1252(bytes: Uint8Array, name: string, where: (offset: number) => string): DecodedSource {
  let text = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80 || b > 0x9f) {
      text += String.fromCharCode(b);
      continue;
    }
    const c = CP1252_HIGH[b - 0x80] as string;
    if (c === '\0') {
      return {
        ok: false,
        message: `SyntaxError: (unicode error) '${name}' codec can't decode byte 0x${b.toString(16)} ${where(i)}: character maps to <undefined>`,
      };
    }
    text += c;
  }
  return { ok: true, text, encoding: name };
}

/** ISO-8859-1: each byte is the code point of the same number (WHATWG's "latin1" label is windows-1252). */
function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

/**
 * `text` with a coding declaration on its first or second line changed to say `utf-8`, for a source that is
 * stored or written as UTF-8 (the studio, the export): CPython would otherwise read those UTF-8 bytes in the
 * declared encoding (`café` becoming `cafÃ©`). Text without a declaration, or declaring UTF-8, is returned as is.
 */
export function declareUtf8(text: string): string {
  const lines = text.split('\n', 2);
  const [first = '', second = ''] = lines;
  const declared = declaredEncoding(first, second);
  if (declared === undefined || normalName(declared) === 'utf-8') return text;
  const index = CODING.test(first) ? 0 : 1;
  const line = lines[index] as string;
  const match = CODING.exec(line) as RegExpExecArray;
  const at = match.index + match[0].length - declared.length;
  const fixed = `${line.slice(0, at)}utf-8${line.slice(at + declared.length)}`;
  const start = index === 0 ? 0 : first.length + 1;
  return `${text.slice(0, start)}${fixed}${text.slice(start + line.length)}`;
}
