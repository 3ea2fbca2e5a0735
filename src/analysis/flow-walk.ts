/**
 * Structured walk of a function body that threads a "frontier" (the steps awaited last on every path) through
 * statements: branches start from the same frontier and merge, loops may run zero times, `break` jumps to
 * the loop exit (the only exit of `while True`), `return`/`raise`/`continue` end a path. Loop back edges are not modelled, so the result
 * stays acyclic. Expressions are handed to `expr`, which turns awaits into new frontiers.
 */
import type { SyntaxNode } from './syntax.ts';
import type { PlanNodeId } from './types.ts';

/** Steps awaited last on some path; null when no path reaches this point. */
export type Frontier = PlanNodeId[] | null;

/** Merge frontiers of paths that join. */
export function union(fs: Frontier[]): Frontier {
  const live = fs.filter((f): f is PlanNodeId[] => f !== null);
  return live.length === 0 ? null : [...new Set(live.flat())];
}

const KEYWORDS = new Set([
  'if',
  'elif',
  'else',
  'for',
  'in',
  'while',
  'async',
  'try',
  'except',
  'finally',
  'with',
  'as',
]);
const DEFINITIONS = new Set(['FunctionDefinition', 'ClassDefinition', 'DecoratedStatement']);

/** Walk `body` from `start`, calling `expr` for every expression evaluated in order; returns the exit frontier. */
export function walkFlow(
  body: SyntaxNode,
  start: Frontier,
  expr: (node: SyntaxNode, f: Frontier) => Frontier,
  sourceOf: (node: SyntaxNode) => string,
): Frontier {
  const loops: Frontier[][] = [];

  const walkBody = (node: SyntaxNode, f: Frontier): Frontier => {
    let cur = f;
    for (let c = node.firstChild; c && cur !== null; c = c.nextSibling) if (c.name !== ':') cur = statement(c, cur);
    return cur;
  };

  /** Children of a compound statement as [keyword before it, node] pairs. */
  const parts = (node: SyntaxNode) => {
    const out: { kw: string; node: SyntaxNode }[] = [];
    let kw = '';
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (KEYWORDS.has(c.name)) kw = c.name;
      else if (c.name !== ',' && c.name !== ':') out.push({ kw, node: c });
    }
    return out;
  };

  const loop = (node: SyntaxNode, f: Frontier): Frontier => {
    let cur = f;
    let normalExit: Frontier = f;
    let elseBody: SyntaxNode | undefined;
    const breaks: Frontier[] = [];
    let endless = false;
    for (const { kw, node: c } of parts(node)) {
      if (c.name !== 'Body') {
        endless = kw === 'while' && /^(True|1)$/.test(sourceOf(c));
        cur = kw === 'for' ? cur : expr(c, cur);
      } else if (kw === 'else') elseBody = c;
      else {
        loops.push(breaks);
        const bodyOut = walkBody(c, cur);
        normalExit = endless ? null : union([cur, bodyOut]);
        loops.pop();
      }
    }
    return union([elseBody ? walkBody(elseBody, normalExit) : normalExit, ...breaks]);
  };

  const branches = (node: SyntaxNode, f: Frontier): Frontier => {
    let cur = f;
    const outs: Frontier[] = [];
    let hasElse = false;
    for (const { kw, node: c } of parts(node)) {
      if (c.name === 'Body') {
        hasElse ||= kw === 'else';
        outs.push(walkBody(c, cur));
      } else cur = expr(c, cur);
    }
    return union(hasElse ? outs : [...outs, cur]);
  };

  const tryStatement = (node: SyntaxNode, f: Frontier): Frontier => {
    let bodyOut: Frontier = f;
    const handlers: Frontier[] = [];
    let normal: Frontier = f;
    let fin: SyntaxNode | undefined;
    for (const { kw, node: c } of parts(node)) {
      if (c.name !== 'Body') continue;
      if (kw === 'try') normal = bodyOut = walkBody(c, f);
      else if (kw === 'except') handlers.push(walkBody(c, union([f, bodyOut])));
      else if (kw === 'else') normal = walkBody(c, bodyOut);
      else if (kw === 'finally') fin = c;
    }
    const after = union([normal, ...handlers]);
    if (!fin) return after;
    const finOut = walkBody(fin, after ?? union([f, bodyOut]));
    return after === null ? null : finOut;
  };

  const statement = (node: SyntaxNode, f: Frontier): Frontier => {
    switch (node.name) {
      case 'IfStatement':
        return branches(node, f);
      case 'ForStatement':
      case 'WhileStatement':
        return loop(node, f);
      case 'TryStatement':
        return tryStatement(node, f);
      case 'WithStatement':
        return parts(node).reduce<Frontier>((cur, p) => (p.node.name === 'Body' ? walkBody(p.node, cur) : cur), f);
      case 'MatchStatement': {
        const subject = node.firstChild?.nextSibling;
        const cur = subject && subject.name !== 'MatchBody' ? expr(subject, f) : f;
        const bodies = (node.getChild('MatchBody')?.getChildren('MatchClause') ?? []).map((cl) => cl.getChild('Body'));
        return union([cur, ...bodies.map((b) => (b ? walkBody(b, cur) : cur))]);
      }
      case 'ReturnStatement':
      case 'RaiseStatement':
        expr(node, f);
        return null;
      case 'BreakStatement':
        loops.at(-1)?.push(f);
        return null;
      case 'ContinueStatement':
        return null;
      default:
        return DEFINITIONS.has(node.name) ? f : expr(node, f);
    }
  };

  return walkBody(body, start);
}
