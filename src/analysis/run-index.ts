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

const NOT_REFERENCES = new Set(['ParamList', 'FunctionDefinition', 'ClassDefinition', 'Decorator']);

/** Walk `body` once and sort out the nodes later passes need. */
export function indexRun(body: SyntaxNode, source: string): RunIndex {
  const index: RunIndex = { decorated: [], bareFunctions: [], calls: [], assignments: [], names: new Map(), errors: 0 };
  const cursor = body.cursor();
  const parents: string[] = [];
  for (;;) {
    switch (cursor.name) {
      case 'DecoratedStatement':
        index.decorated.push(cursor.node);
        break;
      case 'FunctionDefinition':
        if (parents.at(-1) !== 'DecoratedStatement') index.bareFunctions.push(cursor.node);
        break;
      case 'CallExpression':
        index.calls.push(cursor.node);
        break;
      case 'AssignStatement':
      case 'UpdateStatement':
        index.assignments.push(cursor.node);
        break;
      case 'VariableName': {
        const parent = parents.at(-1) ?? '';
        if (NOT_REFERENCES.has(parent)) break;
        const node = cursor.node;
        if (parent === 'ArgList' && node.nextSibling?.name === 'AssignOp') break;
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
    const name = cursor.name;
    if (cursor.firstChild()) {
      parents.push(name);
      continue;
    }
    for (;;) {
      if (parents.length === 0) return index;
      if (cursor.nextSibling()) break;
      cursor.parent();
      parents.pop();
    }
  }
}
