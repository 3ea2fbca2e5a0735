/**
 * Decorator recovery for half-typed code. When a line above is unfinished (`x = await one(`), lezer folds the
 * next `@step.do(...)` line into that expression and the function below loses its decorator. Here we look at
 * the lines above such a bare `def`, and if they start with `@<step>.do`, parse just those lines (brackets
 * closed) in a padded copy of the source so the recovered nodes keep their real offsets.
 */
import { parsePython, type SyntaxNode } from './syntax.ts';

const MAX_DECORATOR_LINES = 12;
const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

function missingClosers(text: string): string {
  const stack: string[] = [];
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote || ch === '\n') quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') i = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
    else if (CLOSERS[ch]) stack.push(CLOSERS[ch] as string);
    else if (ch === ')' || ch === ']' || ch === '}') stack.pop();
  }
  return `${quote}${stack.reverse().join('')}`;
}

/** Offset of the `@` that starts the decorator lines directly above the line of `fn`, if any. */
function decoratorStart(fn: SyntaxNode, source: string): { start: number; end: number; indent: string } | undefined {
  const defLineStart = source.lastIndexOf('\n', fn.from - 1) + 1;
  const before = /^[ \t]*/.exec(source.slice(defLineStart, fn.from));
  const indent = before?.[0] ?? '';
  const rest = source.slice(defLineStart + indent.length, fn.from);
  if ((rest !== '' && rest.trim() !== 'async') || defLineStart === 0) return undefined;
  let lineEnd = defLineStart - 1;
  for (let n = 0; n < MAX_DECORATOR_LINES && lineEnd > 0; n++) {
    const lineStart = source.lastIndexOf('\n', lineEnd - 1) + 1;
    const line = source.slice(lineStart, lineEnd);
    const body = line.trimStart();
    const depth = line.length - body.length;
    if (depth === indent.length && body.startsWith('@'))
      return { start: lineStart + depth, end: defLineStart - 1, indent };
    if (body !== '' && depth <= indent.length && !/^[)\]}]/.test(body)) return undefined;
    lineEnd = lineStart - 1;
  }
  return undefined;
}

/** A `Decorator` node for `@<stepVar>.do(...)` written above `fn` but lost to a syntax error, if there is one. */
export function recoverStepDecorator(fn: SyntaxNode, source: string, stepVar: string): SyntaxNode | undefined {
  const found = decoratorStart(fn, source);
  if (!found) return undefined;
  const lineStart = found.start - found.indent.length;
  const text = source.slice(found.start, found.end);
  if (lineStart < 8 || !new RegExp(`^@\\s*${stepVar}\\s*\\.\\s*do\\b`).test(text)) return undefined;
  const padding = `#${' '.repeat(lineStart - 8)}\nif 1:\n`;
  const tail = `${missingClosers(text)}\n${found.indent}def _(): pass\n`;
  const tree = parsePython(padding + source.slice(lineStart, found.end) + tail);
  let node: SyntaxNode | null = tree.resolveInner(found.start + 1, 1);
  while (node && node.name !== 'Decorator') node = node.parent;
  return node && node.from === found.start ? node : undefined;
}
