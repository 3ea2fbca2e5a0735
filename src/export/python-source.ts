/**
 * What the export needs to know about the module-level statements of a Python file that the step analysis does
 * not report: which classes are defined at the top level (only those can be Cloudflare entrypoints), which of
 * them extend `WorkerEntrypoint`, and whether the name `Default` is already taken. Parsed with @lezer/python,
 * the parser src/analysis uses; strings and comments never match.
 */
import type { SyntaxNode } from '@lezer/common';
import { parser } from '@lezer/python';

/** A class statement at the top level of the module. */
export interface TopLevelClass {
  name: string;
  /** 1-based line of the `class` keyword. */
  line: number;
  /** Extends `WorkerEntrypoint` (directly, through an alias, or through another top-level class). */
  isWorkerEntrypoint: boolean;
}

/** The module-level facts the export uses. */
export interface ModuleOutline {
  classes: TopLevelClass[];
  /** Lines where the top level binds `Default` other than as a WorkerEntrypoint class (class, def, assignment, import). */
  defaultBindings: number[];
}

const WORKER_BASE = 'WorkerEntrypoint';

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/** The positional base expressions of a class's `ArgList` (keywords such as `metaclass=` skipped). */
function baseNames(argList: SyntaxNode | null, source: string): string[][] {
  const bases: string[][] = [];
  for (let c = argList?.firstChild ?? null; c; c = c.nextSibling) {
    if (c.nextSibling?.name === 'AssignOp') {
      c = c.nextSibling.nextSibling ?? c.nextSibling;
      continue;
    }
    const path = dotted(c, source);
    if (path) bases.push(path);
  }
  return bases;
}

function dotted(node: SyntaxNode, source: string): string[] | undefined {
  if (node.name === 'VariableName') return [source.slice(node.from, node.to)];
  if (node.name !== 'MemberExpression') return undefined;
  const prop = node.lastChild;
  const base = node.firstChild ? dotted(node.firstChild, source) : undefined;
  return prop?.name === 'PropertyName' && base ? [...base, source.slice(prop.from, prop.to)] : undefined;
}

/** Names a top-level statement binds, for spotting a clash with `Default`. */
function boundNames(stmt: SyntaxNode, source: string): string[] {
  const text = (n: SyntaxNode | null) => (n ? source.slice(n.from, n.to) : '');
  switch (stmt.name) {
    case 'FunctionDefinition':
      return [text(stmt.getChild('VariableName'))];
    case 'AssignStatement': {
      const names: string[] = [];
      for (let c = stmt.firstChild; c && c.name !== 'AssignOp'; c = c.nextSibling) {
        if (c.name === 'VariableName') names.push(text(c));
      }
      return names;
    }
    case 'ImportStatement': {
      const names: string[] = [];
      for (let c = stmt.firstChild; c; c = c.nextSibling) {
        if (c.name === 'VariableName' && c.prevSibling?.name !== 'from') names.push(text(c));
      }
      return names;
    }
    default:
      return [];
  }
}

/** Reads the module-level classes and `Default` bindings of `source`. Never throws on user input. */
export function outlineModule(source: string): ModuleOutline {
  const tree = parser.parse(source);
  const workerNames = new Set([WORKER_BASE]);
  for (const m of source.matchAll(/\bWorkerEntrypoint\s+as\s+([A-Za-z_]\w*)/g)) workerNames.add(m[1] as string);
  const found: { name: string; line: number; bases: string[][] }[] = [];
  const defaultBindings: number[] = [];
  for (let stmt = tree.topNode.firstChild; stmt; stmt = stmt.nextSibling) {
    const inner =
      stmt.name === 'DecoratedStatement'
        ? (stmt.getChild('ClassDefinition') ?? stmt.getChild('FunctionDefinition') ?? stmt)
        : stmt;
    if (inner.name === 'ClassDefinition') {
      const nameNode = inner.getChild('VariableName');
      if (!nameNode) continue;
      const name = source.slice(nameNode.from, nameNode.to);
      found.push({ name, line: lineOf(source, inner.from), bases: baseNames(inner.getChild('ArgList'), source) });
    } else if (boundNames(inner, source).includes('Default')) {
      defaultBindings.push(lineOf(source, inner.from));
    }
  }
  const workers = new Set<string>();
  const extendsWorker = (bases: string[][]) =>
    bases.some((path) =>
      path.length === 1
        ? workerNames.has(path[0] as string) || workers.has(path[0] as string)
        : path.at(-1) === WORKER_BASE,
    );
  for (let changed = true; changed; ) {
    changed = false;
    for (const cls of found) {
      if (!workers.has(cls.name) && extendsWorker(cls.bases)) {
        workers.add(cls.name);
        changed = true;
      }
    }
  }
  const classes = found.map(({ name, line }) => ({ name, line, isWorkerEntrypoint: workers.has(name) }));
  for (const cls of classes) if (cls.name === 'Default' && !cls.isWorkerEntrypoint) defaultBindings.push(cls.line);
  return { classes, defaultBindings: defaultBindings.sort((a, b) => a - b) };
}
