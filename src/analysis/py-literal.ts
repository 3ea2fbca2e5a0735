/**
 * Evaluates Python literals (strings, numbers, True/False/None, dicts, lists, tuples, `float("inf")`,
 * `math.inf`, `dict(k=v)`, constant arithmetic) so config and duration arguments can be checked statically.
 * Anything that needs runtime values (names, other calls, f-strings) is "not a literal".
 */
import { dictEntries } from './py-dict.ts';
import { callArgs, calleePath, dottedPath, type SyntaxNode, sameNode, stringValue, textOf } from './syntax.ts';
import type { PyValue } from './types.ts';

function numberValue(text: string): number | undefined {
  const t = text.replace(/_/g, '');
  if (/[jJ]$/.test(t)) return undefined;
  if (/^0[xX]/.test(t)) return Number.parseInt(t.slice(2), 16);
  if (/^0[oO]/.test(t)) return Number.parseInt(t.slice(2), 8);
  if (/^0[bB]/.test(t)) return Number.parseInt(t.slice(2), 2);
  const n = Number(t);
  return Number.isNaN(n) ? undefined : n;
}

function arithmetic(op: string, a: number, b: number): number | undefined {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? undefined : a / b;
    case '//':
      return b === 0 ? undefined : Math.floor(a / b);
    case '**':
      return a ** b;
    default:
      return undefined;
  }
}

function elements(node: SyntaxNode, source: string): PyValue[] | undefined {
  const out: PyValue[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (['(', ')', '[', ']', '{', '}', ','].includes(c.name)) continue;
    const v = literalValue(c, source);
    if (v === undefined) return undefined;
    out.push(v.value);
  }
  return out;
}

const INFINITY_TEXTS = new Set(['inf', '+inf', 'infinity', '+infinity']);

function callValue(node: SyntaxNode, source: string): PyValue | undefined {
  const path = calleePath(node, source)?.join('.');
  if (path === 'dict') return dictValue(node, source);
  const arg = callArgs(node.getChild('ArgList'), source).positional[0];
  const s = path === 'float' && arg ? stringValue(arg, source)?.trim().toLowerCase() : undefined;
  if (s === undefined) return undefined;
  if (INFINITY_TEXTS.has(s)) return Number.POSITIVE_INFINITY;
  if (s === '-inf' || s === '-infinity') return Number.NEGATIVE_INFINITY;
  return numberValue(s);
}

function dictValue(node: SyntaxNode, source: string): PyValue | undefined {
  const dict = dictEntries(node, source);
  if (!dict || dict.spread) return undefined;
  const out: { [key: string]: PyValue } = {};
  for (const e of dict.entries) {
    const v = literalValue(e.valueNode, source);
    if (e.key === undefined || v === undefined) return undefined;
    out[e.key] = v.value;
  }
  return out;
}

/** The value of a literal expression, boxed so `None` (null) differs from "not a literal" (undefined). */
export function literalValue(node: SyntaxNode, source: string): { value: PyValue } | undefined {
  const value = literalOrUndefined(node, source);
  return value === undefined ? undefined : { value };
}

function literalOrUndefined(node: SyntaxNode, source: string): PyValue | undefined {
  switch (node.name) {
    case 'String':
    case 'ContinuedString':
      return stringValue(node, source);
    case 'Number':
      return numberValue(textOf(source, node));
    case 'Boolean':
      return textOf(source, node) === 'True';
    case 'None':
      return null;
    case 'ParenthesizedExpression':
      return node.firstChild?.nextSibling ? literalOrUndefined(node.firstChild.nextSibling, source) : undefined;
    case 'UnaryExpression': {
      const operand = node.lastChild ? literalOrUndefined(node.lastChild, source) : undefined;
      const op = node.firstChild ? textOf(source, node.firstChild) : '';
      if (typeof operand !== 'number' || (op !== '-' && op !== '+')) return undefined;
      return op === '-' ? -operand : operand;
    }
    case 'BinaryExpression': {
      const [a, op, b] = [node.firstChild, node.firstChild?.nextSibling, node.lastChild];
      const x = a ? literalOrUndefined(a, source) : undefined;
      const y = b && op && !sameNode(b, op) ? literalOrUndefined(b, source) : undefined;
      if (op?.name !== 'ArithOp' || typeof x !== 'number' || typeof y !== 'number') return undefined;
      return arithmetic(textOf(source, op), x, y);
    }
    case 'DictionaryExpression':
      return dictValue(node, source);
    case 'ArrayExpression':
    case 'TupleExpression':
    case 'SetExpression':
      return elements(node, source);
    case 'CallExpression':
      return callValue(node, source);
    case 'MemberExpression':
      return dottedPath(node, source)?.join('.') === 'math.inf' ? Number.POSITIVE_INFINITY : undefined;
    default:
      return undefined;
  }
}
