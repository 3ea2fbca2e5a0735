import type { SyntaxNode } from './syntax.ts';
import type { ControlKind } from './types.ts';

/** Where a node sits relative to loops and branches of `run()`. */
export interface Placement {
  control: ControlKind[];
  inLoop: boolean;
  inBranch: boolean;
}

const COMPREHENSIONS = new Set([
  'ComprehensionExpression',
  'ArrayComprehensionExpression',
  'DictionaryComprehensionExpression',
  'SetComprehensionExpression',
]);

function controlKind(parent: SyntaxNode, child: SyntaxNode): ControlKind | undefined {
  switch (parent.name) {
    case 'IfStatement':
      return child.name === 'Body' ? 'if' : undefined;
    case 'ConditionalExpression':
      return child.from > parent.from ? 'if' : undefined;
    case 'TryStatement':
      return child.name === 'Body' && child.prevSibling?.name !== 'finally' ? 'try' : undefined;
    case 'MatchClause':
      return child.name === 'Body' ? 'match' : undefined;
    case 'ForStatement':
      return child.name === 'Body' ? 'for' : undefined;
    case 'WhileStatement':
      return 'while';
    default:
      return COMPREHENSIONS.has(parent.name) ? 'for' : undefined;
  }
}

/** The loops and branches between `node` and `stop` (the run body), outermost first. */
export function placementOf(node: SyntaxNode, stop: SyntaxNode): Placement {
  const control: ControlKind[] = [];
  for (let child = node, p = node.parent; p && p.from >= stop.from && p.to <= stop.to; child = p, p = p.parent) {
    const kind = controlKind(p, child);
    if (kind) control.unshift(kind);
    if (p.from === stop.from && p.to === stop.to) break;
  }
  return {
    control,
    inLoop: control.some((k) => k === 'for' || k === 'while'),
    inBranch: control.some((k) => k === 'if' || k === 'try' || k === 'match'),
  };
}

/** The innermost function or lambda around `node` below `stop`, if any. */
export function enclosingFunction(node: SyntaxNode, stop: SyntaxNode): SyntaxNode | undefined {
  for (let p = node.parent; p && p.from >= stop.from && p.to <= stop.to; p = p.parent) {
    if (p.from === stop.from && p.to === stop.to) return undefined;
    if (p.name === 'FunctionDefinition' || p.name === 'LambdaExpression') return p;
  }
  return undefined;
}

/** Merge placements (a step's declaration and its calls). */
export function mergePlacements(all: Placement[]): Placement {
  const control = [...new Set(all.flatMap((p) => p.control))];
  return { control, inLoop: all.some((p) => p.inLoop), inBranch: all.some((p) => p.inBranch) };
}
