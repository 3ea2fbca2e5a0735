import { describe, expect, it } from 'vitest';
import { cloneJson, toJson, utf8Length } from './json';

describe('toJson', () => {
  it('accepts JSON-like values, turns undefined into null and returns a detached copy', () => {
    const input = { a: [1, 'two', true, null, undefined], nested: { x: 1.5 } };
    const out = toJson(input);
    const value = { a: [1, 'two', true, null, null], nested: { x: 1.5 } };
    expect(out).toEqual({ ok: true, value, bytes: JSON.stringify(value).length });
    input.nested.x = 99;
    expect(out.ok && (out.value as { nested: { x: number } }).nested.x).toBe(1.5);
  });

  it.each([
    [{ f: () => 1 }, '$.f is a function, which JSON cannot represent'],
    [[1, 2n], '$[1] is an integer JSON numbers cannot hold exactly (a BigInt)'],
    [{ 'a b': Number.NaN }, '$["a b"] is NaN, which JSON cannot represent'],
    [{ d: new Map() }, '$.d is a Map, not a plain object'],
    [{ s: Symbol('x') }, '$.s is a symbol, which JSON cannot represent'],
  ])('rejects %o: %s', (value, reason) => {
    expect(toJson(value)).toEqual({ ok: false, reason });
  });

  it('rejects cycles but accepts the same object twice', () => {
    const shared = { n: 1 };
    expect(toJson({ a: shared, b: shared }).ok).toBe(true);
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(toJson(cyclic)).toEqual({ ok: false, reason: '$.self refers back to one of its parents (a cycle)' });
  });

  it('measures size in UTF-8 bytes', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
    expect(toJson('€')).toMatchObject({ bytes: 5 });
  });

  it('cloneJson copies deeply', () => {
    const value = { list: [{ a: 1 }] };
    const copy = cloneJson(value);
    copy.list[0]!.a = 2;
    expect(value.list[0]?.a).toBe(1);
  });
});
