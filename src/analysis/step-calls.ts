import { enclosingFunction, type Placement, placementOf } from './placement.ts';
import type { RunIndex } from './run-index.ts';
import type { StepDecl } from './step-decls.ts';
import { calleePath, type SyntaxNode } from './syntax.ts';
import type { PlanNodeKind } from './types.ts';

/** A place in run() that runs a step: a call of a step function or of a `step.*` method, or an indirect use. */
export interface CallSite {
  /** The `CallExpression`, or the `VariableName` of a step function passed to a call (`indirect`). */
  node: SyntaxNode;
  kind: PlanNodeKind;
  /** The step function called (kind `do`). */
  decl?: StepDecl;
  indirect: boolean;
  /** `step` when inside a step function body (steps do not nest; such calls are not plan nodes). */
  scope: 'run' | 'nested' | 'step';
  placement: Placement;
}

const METHODS: ReadonlySet<string> = new Set(['sleep', 'sleep_until', 'wait_for_event']);

/** Unique key of a node by position and type, for maps across passes. */
export const nodeKey = (node: SyntaxNode): string => `${node.from}:${node.to}:${node.type.id}`;

/** Which of the same-named declarations a use at `pos` refers to: the latest one above it, else the first. */
export function resolveDecl(decls: StepDecl[], pos: number): StepDecl | undefined {
  let best: StepDecl | undefined;
  for (const d of decls) if (d.fn.from < pos) best = d;
  return best ?? decls[0];
}

/** Group declarations by function name (source order kept). */
export function declsByFunction(decls: StepDecl[]): Map<string, StepDecl[]> {
  const map = new Map<string, StepDecl[]>();
  for (const d of decls) map.set(d.fnName, [...(map.get(d.fnName) ?? []), d]);
  return map;
}

/** Find every call site of steps in a run body, in source order. */
export function collectCallSites(
  index: RunIndex,
  decls: StepDecl[],
  runBody: SyntaxNode,
  source: string,
  stepVar: string,
): CallSite[] {
  const byFn = declsByFunction(decls);
  const stepFns = new Set(decls.map((d) => d.fn.from));
  const scopeOf = (node: SyntaxNode): CallSite['scope'] => {
    const fn = enclosingFunction(node, runBody);
    return !fn ? 'run' : stepFns.has(fn.from) ? 'step' : 'nested';
  };
  const sites: CallSite[] = [];
  const add = (node: SyntaxNode, kind: PlanNodeKind, indirect: boolean, decl?: StepDecl) => {
    const site: CallSite = { node, kind, indirect, scope: scopeOf(node), placement: placementOf(node, runBody) };
    if (decl) site.decl = decl;
    sites.push(site);
  };
  for (const call of index.calls) {
    const path = calleePath(call, source);
    if (path?.length === 1 && byFn.has(path[0] as string)) {
      add(call, 'do', false, resolveDecl(byFn.get(path[0] as string) ?? [], call.from));
    } else if (path?.length === 2 && path[0] === stepVar && METHODS.has(path[1] as string)) {
      add(call, path[1] as PlanNodeKind, false);
    }
  }
  for (const [fnName, fnDecls] of byFn) {
    for (const ref of index.names.get(fnName) ?? []) {
      const list = ref.parent;
      if (list?.name !== 'ArgList' || list.parent?.name !== 'CallExpression') continue;
      add(ref, 'do', true, resolveDecl(fnDecls, ref.from));
    }
  }
  return sites.sort((a, b) => a.node.from - b.node.from);
}
