import { describe, expect, it } from 'vitest';
import { layeredLayout } from './layered-layout';
import { DAGRE_MAX_NODES, SPACING, stableLayout } from './stable-layout';

const chain = (ids: string[]) => ids.slice(1).map((id, i) => [ids[i]!, id] as const);

describe('stableLayout()', () => {
  it('lays a chain out left to right', () => {
    const l = stableLayout(null, ['a', 'b', 'c'], chain(['a', 'b', 'c']));
    const [a, b, c] = ['a', 'b', 'c'].map((id) => l.positions.get(id)!.x);
    expect(a).toBeLessThan(b!);
    expect(b).toBeLessThan(c!);
  });

  it('returns the very same layout when the plan did not change shape', () => {
    const first = stableLayout(null, ['a', 'b'], chain(['a', 'b']));
    expect(stableLayout(first, ['a', 'b'], chain(['a', 'b']))).toBe(first);
  });

  it('keeps every position when a step is renamed', () => {
    const first = stableLayout(null, ['a', 'b', 'c'], chain(['a', 'b', 'c']));
    const renamed = stableLayout(first, ['a', 'bee', 'c'], chain(['a', 'bee', 'c']));
    expect(renamed.positions.get('bee')).toEqual(first.positions.get('b'));
    expect(renamed.positions.get('c')).toEqual(first.positions.get('c'));
  });

  it('does not move the existing nodes when a step is appended to a chain', () => {
    const first = stableLayout(null, ['a', 'b', 'c'], chain(['a', 'b', 'c']));
    const grown = stableLayout(first, ['a', 'b', 'c', 'd'], chain(['a', 'b', 'c', 'd']));
    for (const id of ['a', 'b', 'c']) expect(grown.positions.get(id)).toEqual(first.positions.get(id));
    expect(grown.positions.get('d')!.x).toBeGreaterThan(grown.positions.get('c')!.x);
  });

  it('keeps the graph anchored when a step is inserted at the front', () => {
    const first = stableLayout(null, ['b', 'c'], chain(['b', 'c']));
    const grown = stableLayout(first, ['a', 'b', 'c'], chain(['a', 'b', 'c']));
    expect(grown.positions.get('b')).toEqual(first.positions.get('b'));
    expect(grown.positions.get('a')!.x).toBeLessThan(grown.positions.get('b')!.x);
  });

  it('ignores edges to unknown nodes (a half-typed dependency)', () => {
    const l = stableLayout(null, ['a'], [['a', 'ghost']]);
    expect([...l.positions.keys()]).toEqual(['a']);
  });

  it('switches to the linear layout for big plans and still goes left to right', () => {
    const ids = Array.from({ length: DAGRE_MAX_NODES + 80 }, (_, i) => `s${i}`);
    const start = performance.now();
    const l = stableLayout(null, ids, chain(ids));
    expect(performance.now() - start).toBeLessThan(100);
    expect(l.positions.get('s1')!.x - l.positions.get('s0')!.x).toBe(SPACING.width + SPACING.rankGap);
  });
});

describe('layeredLayout()', () => {
  it('puts fan-out siblings in one column, one below the other, and survives a cycle', () => {
    const p = layeredLayout(
      ['a', 'b', 'c', 'd'],
      [
        ['a', 'b'],
        ['a', 'c'],
        ['b', 'd'],
        ['c', 'd'],
        ['d', 'a'],
      ],
      SPACING,
    );
    expect(p.get('b')!.x).toBe(p.get('c')!.x);
    expect(p.get('b')!.y).not.toBe(p.get('c')!.y);
    expect(p.get('d')!.x).toBeGreaterThan(p.get('b')!.x);
  });
});
