import { describe, expect, it } from 'vitest';
import { toJson } from '../engine';
import { type UnserialisableProblem, unserialisableStandIn } from './stand-in';

const reason = (problem: UnserialisableProblem) => {
  const checked = toJson(unserialisableStandIn(problem));
  return checked.ok ? 'accepted' : checked.reason;
};

describe('unserialisableStandIn()', () => {
  it('fails the engine check at the same path, naming the Python type', () => {
    expect(reason({ path: ['tags'], kind: 'type', type: 'set' })).toBe('$.tags is a set, not a plain object');
    expect(reason({ path: [], kind: 'type', type: 'Order' })).toBe('$ is an Order, not a plain object');
    expect(reason({ path: [2, 'when'], kind: 'type', type: 'datetime' })).toBe(
      '$[2].when is a datetime, not a plain object',
    );
  });

  it('rebuilds dict keys that are not str, non-finite floats and cycles', () => {
    expect(reason({ path: ['m'], kind: 'key', type: 'int' })).toBe('$.m is a dict with int keys, not a plain object');
    expect(reason({ path: ['x'], kind: 'nan', type: 'float' })).toBe('$.x is NaN, which JSON cannot represent');
    expect(reason({ path: [0], kind: 'inf', type: 'float' })).toBe('$[0] is Infinity, which JSON cannot represent');
    expect(reason({ path: ['y'], kind: '-inf', type: 'float' })).toBe('$.y is -Infinity, which JSON cannot represent');
    expect(reason({ path: ['a', 'self'], kind: 'cycle', type: 'dict' })).toBe(
      '$.a.self refers back to one of its parents (a cycle)',
    );
    expect(reason({ path: [1], kind: 'cycle', type: 'list' })).toBe('$[1] refers back to one of its parents (a cycle)');
    expect(reason({ path: ['id'], kind: 'bigint', type: 'int' })).toBe(
      '$.id is an integer JSON numbers cannot hold exactly (a BigInt)',
    );
  });
});
