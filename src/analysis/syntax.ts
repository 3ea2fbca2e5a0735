/**
 * Thin helpers over the @lezer/python tree: node text, call arguments, dotted names, string literals.
 * Lezer keeps going after syntax errors (error nodes are named "⚠"), which is what lets the analysis run on
 * half-typed code; every helper here tolerates missing children.
 */
import type { SyntaxNode, Tree, TreeFragment } from '@lezer/common';
import { parser } from '@lezer/python';

export type { SyntaxNode, Tree };

/** Parse Python source, reusing `fragments` of an earlier tree when given (incremental parsing). */
export const parsePython = (source: string, fragments?: readonly TreeFragment[]): Tree =>
  parser.parse(source, fragments);

/** Name lezer gives nodes it inserted or skipped while recovering from a syntax error. */
export const ERROR_NODE = '⚠';

/** Source text of a node. */
export const textOf = (source: string, node: SyntaxNode): string => source.slice(node.from, node.to);

/** Whether two node handles denote the same node (lezer may hand out different objects for one node). */
export const sameNode = (a: SyntaxNode, b: SyntaxNode): boolean =>
  a.from === b.from && a.to === b.to && a.type === b.type;

/** The arguments of a call, split the way Python binds them. */
export interface CallArgs {
  positional: SyntaxNode[];
  keywords: Map<string, { name: SyntaxNode; value: SyntaxNode }>;
  /** Expressions after `*` or `**`. */
  starred: SyntaxNode[];
}

const SKIPPED_IN_ARGS = new Set(['(', ')', ',', ERROR_NODE]);

/** Split an `ArgList` node; a missing list (e.g. `@step.do` without parentheses) gives no arguments. */
export function callArgs(argList: SyntaxNode | null | undefined, source: string): CallArgs {
  const args: CallArgs = { positional: [], keywords: new Map(), starred: [] };
  for (let c = argList?.firstChild ?? null; c; c = c.nextSibling) {
    if (SKIPPED_IN_ARGS.has(c.name)) continue;
    if (c.name === '*' || c.name === '**') {
      const value = c.nextSibling;
      if (value && !SKIPPED_IN_ARGS.has(value.name)) args.starred.push(value);
      c = value ?? c;
    } else if (c.name === 'VariableName' && c.nextSibling?.name === 'AssignOp') {
      const value = c.nextSibling.nextSibling;
      if (value && !SKIPPED_IN_ARGS.has(value.name)) args.keywords.set(textOf(source, c), { name: c, value });
      c = value ?? c.nextSibling;
    } else {
      args.positional.push(c);
    }
  }
  return args;
}

/** The dotted path of a name or attribute chain (`asyncio.gather` → ["asyncio", "gather"]), else undefined. */
export function dottedPath(node: SyntaxNode | null, source: string): string[] | undefined {
  if (!node) return undefined;
  if (node.name === 'VariableName') return [textOf(source, node)];
  if (node.name !== 'MemberExpression') return undefined;
  const prop = node.lastChild;
  if (prop?.name !== 'PropertyName') return undefined;
  const base = dottedPath(node.firstChild, source);
  return base ? [...base, textOf(source, prop)] : undefined;
}

/** The dotted path of what a `CallExpression` calls. */
export const calleePath = (call: SyntaxNode, source: string): string[] | undefined =>
  dottedPath(call.firstChild, source);

const STRING_RE = /^([rRbBuU]{0,2})('''|"""|'|")([\s\S]*)$/;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v' };

function decodeEscapes(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(
    /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|\r\n|[\s\S])/g,
    (all, e: string) => {
      if (e === '\n' || e === '\r\n' || e === '\r') return '';
      if (/^[xuU]/.test(e) && e.length > 1) return String.fromCodePoint(Number.parseInt(e.slice(1), 16));
      if (/^[0-7]+$/.test(e)) return String.fromCodePoint(Number.parseInt(e, 8));
      return ESCAPES[e] ?? (e === '\\' || e === "'" || e === '"' ? e : all);
    },
  );
}

/** The value of a plain (non-f) string literal or of adjacent ones; undefined if unterminated or not a string. */
export function stringValue(node: SyntaxNode, source: string): string | undefined {
  if (node.name === 'ContinuedString') {
    let out = '';
    for (let c = node.firstChild; c; c = c.nextSibling) {
      const part = stringValue(c, source);
      if (part === undefined) return undefined;
      out += part;
    }
    return out;
  }
  if (node.name !== 'String') return undefined;
  const match = STRING_RE.exec(textOf(source, node));
  if (!match) return undefined;
  const [, prefix = '', quote = '', rest = ''] = match;
  if (rest.length < quote.length || !rest.endsWith(quote)) return undefined;
  const body = rest.slice(0, rest.length - quote.length);
  if (body.endsWith('\\') && !body.endsWith('\\\\')) return undefined;
  return /[rR]/.test(prefix) ? body : decodeEscapes(body);
}

/** A parameter of a function definition. */
export interface Param {
  name: string;
  node: SyntaxNode;
}

/** Parameters of a `FunctionDefinition`, including `*args`/`**kwargs` (without the stars), excluding `/`. */
export function functionParams(fn: SyntaxNode, source: string): Param[] {
  const params: Param[] = [];
  for (let c = fn.getChild('ParamList')?.firstChild ?? null; c; c = c.nextSibling) {
    if (c.name === 'AssignOp') c = c.nextSibling ?? c;
    else if (c.name === 'VariableName') params.push({ name: textOf(source, c), node: c });
  }
  return params;
}

/** Whether a `FunctionDefinition` is `async def`. */
export const isAsyncDef = (fn: SyntaxNode): boolean => fn.firstChild?.name === 'async';
