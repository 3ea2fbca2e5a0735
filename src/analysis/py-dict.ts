import { callArgs, calleePath, ERROR_NODE, type SyntaxNode, stringValue } from './syntax.ts';

/** One `key: value` of a dict display or `dict(key=value)` call. */
export interface DictEntry {
  keyNode: SyntaxNode;
  /** The key when it is a string literal (a `dict()` keyword counts). */
  key?: string;
  valueNode: SyntaxNode;
}

/** The entries of a dict display or `dict(...)` call; `spread` when `**other` makes the key set unknowable. */
export function dictEntries(node: SyntaxNode, source: string): { entries: DictEntry[]; spread: boolean } | undefined {
  if (node.name === 'CallExpression') {
    const path = calleePath(node, source);
    if (path?.length !== 1 || path[0] !== 'dict') return undefined;
    const args = callArgs(node.getChild('ArgList'), source);
    const entries = [...args.keywords].map(([key, kw]) => ({ keyNode: kw.name, key, valueNode: kw.value }));
    return { entries, spread: args.starred.length > 0 || args.positional.length > 0 };
  }
  if (node.name !== 'DictionaryExpression') return undefined;
  const entries: DictEntry[] = [];
  let spread = false;
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name === '{' || c.name === '}' || c.name === ',' || c.name === ERROR_NODE) continue;
    if (c.name === '**') {
      spread = true;
      c = c.nextSibling ?? c;
      continue;
    }
    const colon = c.nextSibling;
    const valueNode = colon?.name === ':' ? colon.nextSibling : null;
    if (!valueNode || valueNode.name === '}' || valueNode.name === ',') continue;
    const key = stringValue(c, source);
    entries.push(key === undefined ? { keyNode: c, valueNode } : { keyNode: c, key, valueNode });
    c = valueNode;
  }
  return { entries, spread };
}
