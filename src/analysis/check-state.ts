/**
 * State the journal does not keep. WS070: a step body changes a variable of run() (or `self`); on replay the
 * step is served from the journal without running, so the change is lost. WS071: run() changes `event`, which
 * every replay receives afresh.
 */
import type { CheckContext } from './check-durations.ts';
import { createDiagnostic } from './diagnostics.ts';
import { enclosingFunction } from './placement.ts';
import type { RunIndex } from './run-index.ts';
import type { StepDecl } from './step-decls.ts';
import { type SyntaxNode, textOf } from './syntax.ts';

const MUTATORS = new Set([
  ...['append', 'appendleft', 'extend', 'insert', 'add', 'update', 'setdefault'],
  ...['pop', 'popitem', 'remove', 'discard', 'clear', 'sort', 'reverse'],
]);

/** A mutation: the changed expression and the variable at its root (`results["a"]` → results). */
interface Mutation {
  node: SyntaxNode;
  target: SyntaxNode;
  root: string;
  /** Plain rebinding `x = …` / `x += …` (only a mutation with `nonlocal`/`global`). */
  rebinding: boolean;
}

function rootOf(node: SyntaxNode, source: string): string | undefined {
  let n: SyntaxNode | null = node;
  while (n && n.name === 'MemberExpression') n = n.firstChild;
  return n?.name === 'VariableName' ? textOf(source, n) : undefined;
}

function mutations(index: RunIndex, source: string): Mutation[] {
  const out: Mutation[] = [];
  for (const stmt of index.assignments) {
    const target = stmt.firstChild;
    const root = target ? rootOf(target, source) : undefined;
    if (target && root) out.push({ node: stmt, target, root, rebinding: target.name === 'VariableName' });
  }
  for (const call of index.calls) {
    const callee = call.firstChild;
    const method = callee?.name === 'MemberExpression' ? callee.lastChild : null;
    const object = callee?.firstChild;
    if (!method || !object || !MUTATORS.has(textOf(source, method))) continue;
    const root = rootOf(object, source);
    if (root) out.push({ node: call, target: object, root, rebinding: false });
  }
  return out;
}

function declaredOuter(fn: SyntaxNode, name: string, source: string): boolean {
  const text = textOf(source, fn);
  return new RegExp(`\\b(nonlocal|global)\\s+[\\w\\s,]*\\b${name}\\b`).test(text);
}

/** The step whose body (possibly through nested helpers) contains `node`, if any. */
function stepAround(node: SyntaxNode, byFrom: Map<number, StepDecl>, runBody: SyntaxNode): StepDecl | undefined {
  for (let p = node.parent; p && p.from >= runBody.from; p = p.parent) {
    if (p.name === 'FunctionDefinition' && byFrom.has(p.from)) return byFrom.get(p.from);
  }
  return undefined;
}

/** Report mutations of run() state inside step bodies (WS070) and of `event` anywhere in run() (WS071). */
export function checkState(
  index: RunIndex,
  decls: StepDecl[],
  runBody: SyntaxNode,
  eventVar: string | undefined,
  ctx: CheckContext,
): void {
  const { source, lines, diagnostics } = ctx;
  const all = mutations(index, source);
  const byFrom = new Map(decls.map((d) => [d.fn.from, d]));
  const runLocals = new Set(['self']);
  const stepLocals = new Set<string>();
  const owner = new Map<Mutation, StepDecl | undefined>();
  for (const m of all) {
    const decl = stepAround(m.node, byFrom, runBody);
    owner.set(m, decl);
    if (m.rebinding && decl) stepLocals.add(`${decl.fn.from}:${m.root}`);
    else if (m.rebinding && !enclosingFunction(m.node, runBody)) runLocals.add(m.root);
  }
  for (const m of all) {
    if (m.root === eventVar && !m.rebinding) {
      diagnostics.push(createDiagnostic('WS071', lines.range(m.node.from, m.node.to)));
      continue;
    }
    const decl = owner.get(m);
    if (!decl || !runLocals.has(m.root) || decl.params.some((p) => p.name === m.root)) continue;
    const outer = declaredOuter(decl.fn, m.root, source);
    const local = stepLocals.has(`${decl.fn.from}:${m.root}`);
    if ((m.rebinding && outer) || (!m.rebinding && (outer || !local))) {
      const range = lines.range(m.node.from, m.node.to);
      diagnostics.push(createDiagnostic('WS070', range, decl.name, textOf(source, m.target)));
    }
  }
}
