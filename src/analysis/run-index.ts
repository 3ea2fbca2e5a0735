import { type SyntaxNode, textOf } from './syntax.ts';

/** The nodes of one `run()` body that the checks look at, gathered in a single pass. */
export interface RunIndex {
  /** `DecoratedStatement`s wrapping a function. */
  decorated: SyntaxNode[];
  /** Function definitions without decorators (candidates for decorator recovery after a syntax error). */
  bareFunctions: SyntaxNode[];
  calls: SyntaxNode[];
  /** `AssignStatement`s and `UpdateStatement`s (for state-mutation checks). */
  assignments: SyntaxNode[];
  /** Uses of each name: not definitions, parameters, decorator paths or keyword-argument names. */
  names: Map<string, SyntaxNode[]>;
  errors: number;
}

function isReference(node: SyntaxNode): boolean {
  const parent = node.parent?.name;
  if (parent === 'ParamList' || parent === 'FunctionDefinition' || parent === 'ClassDefinition') return false;
  if (parent === 'Decorator') return false;
  return !(parent === 'ArgList' && node.nextSibling?.name === 'AssignOp');
}

/** Walk `body` once and sort out the nodes later passes need. */
export function indexRun(body: SyntaxNode, source: string): RunIndex {
  const index: RunIndex = { decorated: [], bareFunctions: [], calls: [], assignments: [], names: new Map(), errors: 0 };
  const cursor = body.cursor();
  let depth = 0;
  for (;;) {
    switch (cursor.name) {
      case 'DecoratedStatement':
        index.decorated.push(cursor.node);
        break;
      case 'FunctionDefinition':
        if (cursor.node.parent?.name !== 'DecoratedStatement') index.bareFunctions.push(cursor.node);
        break;
      case 'CallExpression':
        index.calls.push(cursor.node);
        break;
      case 'AssignStatement':
      case 'UpdateStatement':
        index.assignments.push(cursor.node);
        break;
      case 'VariableName': {
        const node = cursor.node;
        if (!isReference(node)) break;
        const name = textOf(source, node);
        const list = index.names.get(name);
        if (list) list.push(node);
        else index.names.set(name, [node]);
        break;
      }
      case '⚠':
        index.errors++;
        break;
    }
    if (cursor.firstChild()) {
      depth++;
      continue;
    }
    for (;;) {
      if (depth === 0) return index;
      if (cursor.nextSibling()) break;
      cursor.parent();
      depth--;
    }
  }
}
