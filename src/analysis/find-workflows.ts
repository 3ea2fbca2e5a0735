import { callArgs, dottedPath, functionParams, isAsyncDef, type SyntaxNode, type Tree, textOf } from './syntax.ts';

/** The `run` method of a workflow class, as found in the tree. */
export interface RunDef {
  fn: SyntaxNode;
  body: SyntaxNode | null;
  isAsync: boolean;
  eventParam?: string;
  stepParam: string;
}

/** A class that extends `WorkflowEntrypoint`, directly or through another class of the same file. */
export interface WorkflowClass {
  node: SyntaxNode;
  name: string;
  nameNode: SyntaxNode;
  run?: RunDef;
  /** Another workflow class of the file extends this one (so a missing run() may be intended). */
  isBase: boolean;
}

const BASE = 'WorkflowEntrypoint';

function collectClasses(tree: Tree): SyntaxNode[] {
  const classes: SyntaxNode[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.name === 'ClassDefinition') classes.push(ref.node);
      return ref.name !== 'FunctionDefinition';
    },
  });
  return classes;
}

function findRun(cls: SyntaxNode, source: string): RunDef | undefined {
  let fn: SyntaxNode | undefined;
  for (let c = cls.getChild('Body')?.firstChild ?? null; c; c = c.nextSibling) {
    const def = c.name === 'DecoratedStatement' ? c.getChild('FunctionDefinition') : c;
    const name = def?.name === 'FunctionDefinition' ? def.getChild('VariableName') : null;
    if (def && name && textOf(source, name) === 'run') fn = def;
  }
  if (!fn) return undefined;
  const params = functionParams(fn, source).map((p) => p.name);
  const run: RunDef = { fn, body: fn.getChild('Body'), isAsync: isAsyncDef(fn), stepParam: params[2] ?? 'step' };
  if (params[1] !== undefined) run.eventParam = params[1];
  return run;
}

/** Find every workflow class, following in-file subclassing and `import WorkflowEntrypoint as X` aliases. */
export function findWorkflowClasses(tree: Tree, source: string): WorkflowClass[] {
  const names = new Set([BASE]);
  for (const m of source.matchAll(/\bWorkflowEntrypoint\s+as\s+([A-Za-z_]\w*)/g)) names.add(m[1] as string);
  const all = collectClasses(tree).map((node) => {
    const nameNode = node.getChild('VariableName');
    const bases = callArgs(node.getChild('ArgList'), source).positional.map((b) => dottedPath(b, source));
    return { node, nameNode, name: nameNode ? textOf(source, nameNode) : '', bases };
  });
  const found = new Map<string, (typeof all)[number]>();
  const extendsKnown = (bases: (string[] | undefined)[]) =>
    bases.some((path) => path && (path.length === 1 ? names.has(path[0] as string) : path.at(-1) === BASE));
  for (let changed = true; changed; ) {
    changed = false;
    for (const cls of all) {
      if (!cls.nameNode || found.has(cls.name) || !extendsKnown(cls.bases)) continue;
      found.set(cls.name, cls);
      names.add(cls.name);
      changed = true;
    }
  }
  const extended = new Set([...found.values()].flatMap((c) => c.bases.map((b) => (b?.length === 1 ? b[0] : ''))));
  return [...found.values()]
    .sort((a, b) => a.node.from - b.node.from)
    .map((c) => {
      const wf: WorkflowClass = {
        node: c.node,
        name: c.name,
        nameNode: c.nameNode as SyntaxNode,
        isBase: extended.has(c.name),
      };
      const run = findRun(c.node, source);
      if (run) wf.run = run;
      return wf;
    });
}
