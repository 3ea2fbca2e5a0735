import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import orderSource from './__fixtures__/order_workflow.py?raw';
import {
  decodeShareLink,
  encodeShareLink,
  MAX_SHARE_LINK_CHARS,
  SHARE_PREFIX,
  type SharedWorkflow,
  toStudioFileName,
} from './index';

const fragmentOf = (shared: SharedWorkflow): string => {
  const result = encodeShareLink(shared);
  if (!result.ok) throw new Error(result.message);
  return result.fragment;
};

/** A link whose payload is `payload`, compressed the way encodeShareLink does. */
const linkWith = (payload: unknown) =>
  `${SHARE_PREFIX}${LZString.compressToEncodedURIComponent(JSON.stringify(payload))}`;

const messageOf = (input: string) => {
  const result = decodeShareLink(input);
  return result.ok ? 'opened' : `${result.problem}: ${result.message}`;
};

describe('share links', () => {
  it('round-trip a file and its params through a URL fragment', () => {
    const shared = { name: 'order_workflow.py', source: orderSource, params: { order: 'A-17', items: [1, 2] } };
    const fragment = fragmentOf(shared);
    expect(fragment.startsWith('share=')).toBe(true);
    expect(fragment).toMatch(/^share=[A-Za-z0-9+\-$]+$/);
    expect(fragment.length).toBeLessThan(orderSource.length);
    expect(decodeShareLink(fragment)).toEqual({ ok: true, shared });
    expect(decodeShareLink(`#${fragment}`)).toEqual({ ok: true, shared });
    expect(decodeShareLink(`https://studio.example/app/?x=1#${fragment}`)).toEqual({ ok: true, shared });
  });

  it('leaves params out when there are none, and keeps unicode in the code', () => {
    const shared = { name: 'greet.py', source: 'print("héllo ✓ 你好")\n' };
    expect(decodeShareLink(fragmentOf(shared))).toEqual({ ok: true, shared });
  });

  it('carries the file’s mocks text as written, at most 32 KB of it, and leaves empty mocks out', () => {
    const shared = { name: 'rates.py', source: 'x = 1\n', mocks: '{"http": [{"url": "https://a.example/*"}]}' };
    expect(decodeShareLink(fragmentOf(shared))).toEqual({ ok: true, shared });
    expect(decodeShareLink(fragmentOf({ ...shared, mocks: '  ' }))).toEqual({
      ok: true,
      shared: { name: 'rates.py', source: 'x = 1\n' },
    });
    expect(encodeShareLink({ ...shared, mocks: `"${'m'.repeat(33_000)}"` })).toEqual({
      ok: false,
      message: 'The mocks are 32.2 KB; a share link holds at most 32 KB of mocks.',
    });
    expect(messageOf(linkWith({ v: 1, name: 'a.py', source: '', mocks: { http: [] } }))).toBe(
      'invalid: This share link cannot be opened: mocks: expected text, got an object.',
    );
  });

  it('opens a link whose file name the studio would refuse under a name it accepts', () => {
    expect(decodeShareLink(fragmentOf({ name: 'grüße flow.py', source: 'x = 1\n' }))).toEqual({
      ok: true,
      shared: { name: 'gr__e_flow.py', source: 'x = 1\n' },
    });
  });

  it('survives a link whose characters were percent-encoded on the way', () => {
    const fragment = fragmentOf({ name: 'a.py', source: orderSource });
    const escaped = fragment.replaceAll('$', '%24').replaceAll('+', '%2B');
    expect(decodeShareLink(escaped).ok).toBe(true);
  });

  it('refuses to share more than 64 KB of code or 16 KB of params', () => {
    const big = 'x = 1\n'.repeat(11_000);
    expect(encodeShareLink({ name: 'big.py', source: big })).toEqual({
      ok: false,
      message:
        'big.py is 64.5 KB; a share link holds at most 64 KB of code. Share the file itself, or export the project.',
    });
    expect(encodeShareLink({ name: 'a.py', source: 'x', params: { blob: 'y'.repeat(17_000) } })).toEqual({
      ok: false,
      message: 'The params are 16.6 KB as JSON; a share link holds at most 16 KB of params.',
    });
  });

  it('refuses a bad file name or params that are not JSON', () => {
    expect(encodeShareLink({ name: '  ', source: 'x' })).toEqual({
      ok: false,
      message: 'Cannot share this file: the file name is empty.',
    });
    expect(encodeShareLink({ name: 'a/b.py', source: 'x' })).toEqual({
      ok: false,
      message: 'Cannot share this file: the file name contains "/", "\\" or a control character.',
    });
    expect(encodeShareLink({ name: 'a.py', source: 'x', params: { n: Number.NaN } })).toEqual({
      ok: false,
      message: 'Cannot share these params: they are not JSON (numbers must be finite; no functions or undefined).',
    });
  });
});

describe('decodeShareLink() on bad links', () => {
  it('says "absent" for fragments that are no share link', () => {
    expect(messageOf('')).toBe('absent: This link holds no shared workflow.');
    expect(messageOf('#section-2')).toBe('absent: This link holds no shared workflow.');
    expect(messageOf('https://studio.example/')).toBe('absent: This link holds no shared workflow.');
  });

  it('calls cut-off, altered or empty links damaged', () => {
    const damaged =
      'corrupt: This share link is damaged and cannot be read. Was it cut off or changed when it was copied?';
    const fragment = fragmentOf({ name: 'order_workflow.py', source: orderSource });
    expect(messageOf(fragment.slice(0, fragment.length / 2))).toBe(damaged);
    expect(messageOf('share=')).toBe(damaged);
    expect(messageOf('share=hello!world')).toBe(damaged);
    expect(messageOf('share=%E0%A4%A')).toBe(damaged);
    expect(messageOf(`${SHARE_PREFIX}${LZString.compressToEncodedURIComponent('not json')}`)).toBe(damaged);
    expect(messageOf(linkWith([1, 2]))).toBe(damaged);
  });

  it('refuses oversize links before decompressing them', () => {
    expect(messageOf(`share=${'A'.repeat(MAX_SHARE_LINK_CHARS + 1)}`)).toBe(
      `too-large: This share link is ${MAX_SHARE_LINK_CHARS + 1} characters long; share links are at most ${MAX_SHARE_LINK_CHARS}. It may have been pasted twice or built by hand.`,
    );
    expect(messageOf(linkWith({ v: 1, name: 'big.py', source: 'x'.repeat(70_000) }))).toBe(
      'too-large: This share link holds 68.4 KB of code; share links hold at most 64 KB.',
    );
  });

  it('names the format version it cannot read', () => {
    expect(messageOf(linkWith({ v: 2, name: 'a.py', source: 'x' }))).toBe(
      'unsupported-version: This share link was made by a newer Workflow Studio (link format 2); this one reads format 1. Reload the studio to update it.',
    );
    expect(messageOf(linkWith({ v: '1', name: 'a.py', source: 'x' }))).toBe(
      'unsupported-version: This share link has an unknown format ("1"); this studio reads format 1.',
    );
  });

  it('says which field of the payload is wrong', () => {
    expect(messageOf(linkWith({ v: 1, name: 'a.py' }))).toBe(
      'invalid: This share link cannot be opened: source: missing (expected text).',
    );
    expect(messageOf(linkWith({ v: 1, name: 'a.py', source: 7 }))).toBe(
      'invalid: This share link cannot be opened: source: expected text, got 7.',
    );
    expect(messageOf(linkWith({ v: 1, name: '../etc/passwd', source: 'x' }))).toBe(
      'invalid: This share link cannot be opened: name: the file name contains "/", "\\" or a control character.',
    );
    expect(messageOf(linkWith({ v: 1, name: 'a.py', source: 'x', run: true }))).toBe(
      'invalid: This share link cannot be opened: unknown field "run".',
    );
  });
});

describe('toStudioFileName()', () => {
  it("keeps studio names and turns others into names the studio's file list accepts", () => {
    expect(toStudioFileName('order_workflow.py')).toBe('order_workflow.py');
    expect(toStudioFileName('My Order.py')).toBe('My_Order.py');
    expect(toStudioFileName('grüße.PY')).toBe('gr__e.py');
    expect(toStudioFileName('2fast')).toBe('_2fast.py');
    expect(toStudioFileName('.py')).toBe('shared.py');
    expect(toStudioFileName(`${'x'.repeat(100)}.py`)).toBe(`${'x'.repeat(63)}.py`);
  });
});
