import { describe, expect, it } from 'vitest';
import fanOut from './__fixtures__/fan-out.py?raw';
import orderWorkflow from './__fixtures__/order-workflow.py?raw';
import { analyzeWorkflow } from './analyze-workflow.ts';
import { dynamicNamePattern, findPlanNode } from './match-node.ts';
import { only } from './test-utils.ts';

describe('findPlanNode()', () => {
  it('maps a journaled step to the node with that kind and literal name', () => {
    const wf = only(analyzeWorkflow(orderWorkflow));
    expect(findPlanNode(wf, 'do', 'charge_card')?.id).toBe('do:charge_card#1');
    expect(findPlanNode(wf, 'sleep', 'cool-off')?.id).toBe('sleep:cool-off#1');
    expect(findPlanNode(wf, 'do', 'cool-off')).toBeUndefined();
    expect(findPlanNode(wf, 'do', 'charge')).toBeUndefined();
  });

  it('maps names produced by an f-string to the dynamic node', () => {
    const wf = only(analyzeWorkflow(fanOut));
    expect(findPlanNode(wf, 'do', 'process-3')?.id).toBe('do:f"process-{item}"#1');
    expect(findPlanNode(wf, 'do', 'ship-a b')?.id).toBe('do:f"ship-{item}"#1');
    expect(findPlanNode(wf, 'do', 'unrelated')).toBeUndefined();
  });

  it('turns f-strings into anchored patterns, keeping {{ }} and regex characters literal', () => {
    expect(dynamicNamePattern('f"a.{x}-{y!r:>3}"')?.source).toBe('^a\\..*-.*$');
    expect(dynamicNamePattern("rf'{{lit}}-{n}'")?.test('{lit}-7')).toBe(true);
    expect(dynamicNamePattern('f"{d[\'k\']}"')?.test('anything')).toBe(true);
    expect(dynamicNamePattern('name_var')).toBeUndefined();
    expect(dynamicNamePattern('"plain"')).toBeUndefined();
  });
});
