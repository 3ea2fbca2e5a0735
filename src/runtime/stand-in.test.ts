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

  it('rebuilds dict keys of a type Cloudflare cannot send, and cycles', () => {
    expect(reason({ path: ['m'], kind: 'key', type: 'tuple' })).toBe(
      '$.m is a dict with tuple keys, not a plain object',
    );
    expect(reason({ path: ['a', 'self'], kind: 'cycle', type: 'dict' })).toBe(
      '$.a.self refers back to one of its parents (a cycle)',
    );
    expect(reason({ path: [1], kind: 'cycle', type: 'list' })).toBe('$[1] refers back to one of its parents (a cycle)');
  });
});
