/**
 * Quick fixes (Monaco code actions) for the analysis diagnostics that carry a `fix`, e.g. a numeric duration
 * (WS011) → the duration string that means the same milliseconds. Pure: matches the markers Monaco hands the
 * code action provider to the diagnostics they were made from (same code, same range, as `toMarkers` made them).
 */
import type { Diagnostic } from '../../analysis';
import { toMarkers } from './to-markers';

/** The part of a Monaco marker a fix is matched by. */
export interface MarkerRef {
  code?: string | { value: string };
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/** One quick fix: replace `range` with `text`; `marker` is the marker it resolves. */
export interface QuickFix<M extends MarkerRef = MarkerRef> {
  title: string;
  text: string;
  marker: M;
  range: { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number };
}

const codeOf = (m: MarkerRef) => (typeof m.code === 'string' ? m.code : m.code?.value);

/** The fixes for `markers` (those under the cursor or selection), from the file's current diagnostics. */
export function quickFixes<M extends MarkerRef>(
  diagnostics: readonly Diagnostic[],
  markers: readonly M[],
): QuickFix<M>[] {
  const fixable = diagnostics.filter((d) => d.fix !== undefined);
  const asMarkers = toMarkers(fixable);
  const out: QuickFix<M>[] = [];
  for (const marker of markers) {
    const i = asMarkers.findIndex(
      (m) =>
        m.code === codeOf(marker) &&
        m.startLineNumber === marker.startLineNumber &&
        m.startColumn === marker.startColumn &&
        m.endLineNumber === marker.endLineNumber &&
        m.endColumn === marker.endColumn,
    );
    const d = fixable[i];
    if (i < 0 || d?.fix === undefined) continue;
    const r = d.range;
    out.push({
      title: d.fix.title,
      text: d.fix.text,
      marker,
      range: {
        startLineNumber: r.startLine,
        startColumn: r.startColumn,
        endLineNumber: r.endLine,
        endColumn: r.endColumn,
      },
    });
  }
  return out;
}
