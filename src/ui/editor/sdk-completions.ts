/**
 * What the editor suggests where: SDK completions computed from the text before the cursor, without Monaco
 * (the adapter in `sdk-language.ts` turns them into Monaco items). Recognised places: `step.` methods,
 * `event["…"]` and `ctx["…"]` keys, keys of a `config=` dict and its `"retries"`, backoff values, duration
 * strings, and dependency parameters of a `@step.do` function (earlier step names and `ctx`).
 */
import {
  BACKOFFS,
  CONFIG_KEYS,
  CTX_KEYS,
  CTX_STEP_KEYS,
  DURATIONS,
  EVENT_KEYS,
  RETRY_KEYS,
  STEP_METHODS,
} from './sdk-docs';

/** What the analysis knows that completions need: the names `run()` gives its parameters, and step names. */
export interface CompletionInfo {
  stepParams: readonly string[];
  eventParams: readonly string[];
  /** Step names declared above the cursor (dependency parameters may name them). */
  stepNames: readonly string[];
}

/** One suggestion. `replace` characters before the cursor are replaced by `insertText`. */
export interface Suggestion {
  label: string;
  kind: 'method' | 'property' | 'value' | 'variable';
  insertText: string;
  snippet: boolean;
  replace: number;
  detail?: string;
  doc?: string;
}

/** Look back at most this far: enough for any dict literal worth completing. */
const LOOKBACK = 4000;

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alt = (names: readonly string[]) => names.map(esc).join('|');

/** The text just before the innermost `{` still open at the end of `text` (strings and comments skipped). */
export function openBracePrefix(text: string): string | null {
  const stack: number[] = [];
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote || c === '\n') quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
    } else if (c === '{') stack.push(i);
    else if (c === '}') stack.pop();
  }
  const at = stack.at(-1);
  return at === undefined ? null : text.slice(Math.max(0, at - 80), at);
}

const keys = (docs: Record<string, string>, typed: string, kind: Suggestion['kind'] = 'property'): Suggestion[] =>
  Object.entries(docs).map(([k, doc]) => ({
    label: k,
    kind,
    insertText: k,
    snippet: false,
    replace: typed.length,
    doc,
  }));

function dependencySuggestions(before: string, info: CompletionInfo): Suggestion[] | null {
  const lines = before.split('\n');
  const current = lines.at(-1) ?? '';
  const def = /^\s*(?:async\s+)?def\s+(\w+)\(([^)]*)$/.exec(current);
  if (!def) return null;
  const above = lines.slice(0, -1).reverse();
  const decorators: string[] = [];
  for (const line of above) {
    if (!/^\s*@/.test(line)) break;
    decorators.push(line);
  }
  if (!decorators.some((d) => /\.do\s*\(/.test(d))) return null;
  const typed = /(\w*)$/.exec(def[2] ?? '')?.[1] ?? '';
  const fn = def[1];
  const names = info.stepNames.filter((n) => n !== fn && /^\w+$/.test(n));
  return [
    { label: 'ctx', kind: 'variable', insertText: 'ctx', snippet: false, replace: typed.length, doc: CTX_KEYS.step },
    ...names.map((n) => ({
      label: n,
      kind: 'variable' as const,
      insertText: n,
      snippet: false,
      replace: typed.length,
      detail: 'dependency',
      doc: `Runs step \`${n}\` first (or reuses its result) and passes its result in.`,
    })),
  ];
}

/** Suggestions for the cursor at the end of `textBefore` (the document up to the cursor). */
export function suggest(textBefore: string, info: CompletionInfo): Suggestion[] {
  const before = textBefore.length > LOOKBACK ? textBefore.slice(-LOOKBACK) : textBefore;
  const line = before.slice(before.lastIndexOf('\n') + 1);

  const deps = dependencySuggestions(before, info);
  if (deps) return deps;

  const stepCall = new RegExp(`\\b(?:${alt(info.stepParams)})\\.(\\w*)$`).exec(line);
  if (stepCall) {
    const typed = stepCall[1] ?? '';
    return Object.entries(STEP_METHODS).map(([name, d]) => ({
      label: name,
      kind: 'method',
      insertText: d.insert,
      snippet: true,
      replace: typed.length,
      detail: d.detail,
      doc: d.doc,
    }));
  }

  const ctxStep = /\bctx\[\s*["']step["']\s*\]\[\s*["'](\w*)$/.exec(line);
  if (ctxStep) return keys(CTX_STEP_KEYS, ctxStep[1] ?? '');
  const ctxKey = /\bctx\[\s*["'](\w*)$/.exec(line);
  if (ctxKey) return keys(CTX_KEYS, ctxKey[1] ?? '');
  if (info.eventParams.length > 0) {
    const eventKey = new RegExp(`\\b(?:${alt(info.eventParams)})(?:\\[|\\.get\\()\\s*["'](\\w*)$`).exec(line);
    if (eventKey) return keys(EVENT_KEYS, eventKey[1] ?? '');
  }

  const backoff = /["']backoff["']\s*:\s*["'](\w*)$/.exec(line);
  if (backoff) {
    return BACKOFFS.map((b) => ({
      label: b,
      kind: 'value',
      insertText: b,
      snippet: false,
      replace: (backoff[1] ?? '').length,
    }));
  }
  const duration = /(?:\.sleep\(\s*[^,()]+,\s*|["'](?:delay|timeout)["']\s*:\s*|\btimeout\s*=\s*)["']([\w .]*)$/.exec(
    line,
  );
  if (duration) {
    const typed = duration[1] ?? '';
    return DURATIONS.map((d) => ({ label: d, kind: 'value', insertText: d, snippet: false, replace: typed.length }));
  }

  const open = openBracePrefix(before);
  const afterBrace = open === null ? null : /[{,]\s*(["']?)(\w*)$/.exec(before);
  if (open !== null && afterBrace) {
    const quoted = afterBrace[1] !== '';
    const typed = afterBrace[2] ?? '';
    const docs = /\bconfig\s*=\s*$/.test(open) ? CONFIG_KEYS : /["']retries["']\s*:\s*$/.test(open) ? RETRY_KEYS : null;
    if (docs) {
      return Object.entries(docs).map(([k, d]) => ({
        label: `"${k}"`,
        kind: 'property',
        insertText: quoted ? k : d.insert,
        snippet: !quoted,
        replace: typed.length,
        detail: d.detail,
        doc: d.doc,
      }));
    }
  }
  return [];
}
