import { Position } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { toFlow } from './to-flow';

describe('toFlow()', () => {
  it('lays a chain out left to right with handles on the right and left sides', () => {
    const { nodes, edges } = toFlow({
      nodes: [
        { id: 'a', label: 'fetch_order', kind: 'do' },
        { id: 'b', label: 'charge_card', kind: 'do' },
        { id: 'c', label: 'cool-off', kind: 'sleep' },
      ],
      edges: [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'c' },
      ],
    });
    const [a, b, c] = nodes.map((n) => n.position.x);
    expect(a).toBeLessThan(b!);
    expect(b).toBeLessThan(c!);
    expect(nodes.every((n) => n.sourcePosition === Position.Right && n.targetPosition === Position.Left)).toBe(true);
    expect(edges.map((e) => e.id)).toEqual(['a->b', 'b->c']);
  });
});
