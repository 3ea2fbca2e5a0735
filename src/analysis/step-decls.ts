import { literalValue } from './py-literal.ts';
import { recoverStepDecorator } from './recover-decorator.ts';
import type { RunIndex } from './run-index.ts';
import { callArgs, functionParams, isAsyncDef, type Param, type SyntaxNode, stringValue, textOf } from './syntax.ts';

/** A function decorated with `@step.do(...)` inside `run()`. */
export interface StepDecl {
  fn: SyntaxNode;
  fnName: string;
  fnNameNode: SyntaxNode;
  decorator: SyntaxNode;
  /** Literal step name, or the name expression's source text when `dynamicName`. */
  name: string;
  dynamicName: boolean;
  nameNode?: SyntaxNode;
  configNode?: SyntaxNode;
  concurrent: boolean;
  dependsNode?: SyntaxNode;
  params: Param[];
  isAsync: boolean;
  recovered: boolean;
  /** Written `@step.do` without parentheses (a TypeError at runtime). */
  uncalled: boolean;
}

/** Whether a `Decorator` node is `@<stepVar>.do` (with or without arguments). */
function isStepDo(decorator: SyntaxNode, source: string, stepVar: string): boolean {
  const parts = decorator.getChildren('VariableName').map((n) => textOf(source, n));
  return parts.length === 2 && parts[0] === stepVar && parts[1] === 'do';
}

/** Legacy `step.do(name, depends, concurrent, config)` allowed these positionally. */
const POSITIONAL = ['name', 'depends', 'concurrent', 'config'] as const;

function buildDecl(fn: SyntaxNode, decorator: SyntaxNode, source: string, recovered: boolean): StepDecl | undefined {
  const fnNameNode = fn.getChild('VariableName');
  if (!fnNameNode) return undefined;
  const args = callArgs(decorator.getChild('ArgList'), source);
  const arg = (key: (typeof POSITIONAL)[number]) => {
    const node = args.keywords.get(key)?.value ?? args.positional[POSITIONAL.indexOf(key)];
    return node?.name === 'None' ? undefined : node;
  };
  const fnName = textOf(source, fnNameNode);
  const nameNode = arg('name');
  const literalName = nameNode ? stringValue(nameNode, source) : fnName;
  const decl: StepDecl = {
    fn,
    fnName,
    fnNameNode,
    decorator,
    name: literalName ?? (nameNode ? textOf(source, nameNode) : fnName),
    dynamicName: literalName === undefined,
    concurrent: false,
    params: functionParams(fn, source),
    isAsync: isAsyncDef(fn),
    recovered,
    uncalled: !decorator.getChild('ArgList'),
  };
  const concurrent = arg('concurrent');
  decl.concurrent = concurrent ? literalValue(concurrent, source)?.value === true : false;
  const config = arg('config');
  const depends = arg('depends');
  if (nameNode) decl.nameNode = nameNode;
  if (config) decl.configNode = config;
  if (depends) decl.dependsNode = depends;
  return decl;
}

/** Every `@step.do` function of a run body, in source order, including decorators recovered after syntax errors. */
export function collectStepDecls(index: RunIndex, source: string, stepVar: string): StepDecl[] {
  const decls: StepDecl[] = [];
  for (const statement of index.decorated) {
    const fn = statement.getChild('FunctionDefinition');
    const decorator = statement.getChildren('Decorator').find((d) => isStepDo(d, source, stepVar));
    const decl = fn && decorator ? buildDecl(fn, decorator, source, false) : undefined;
    if (decl) decls.push(decl);
  }
  if (index.errors > 0) {
    for (const fn of index.bareFunctions) {
      const decorator = recoverStepDecorator(fn, source, stepVar);
      const decl =
        decorator && isStepDo(decorator, source, stepVar) ? buildDecl(fn, decorator, source, true) : undefined;
      if (decl) decls.push(decl);
    }
  }
  return decls.sort((a, b) => a.fn.from - b.fn.from);
}
