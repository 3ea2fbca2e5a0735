import type { Diagnostic, Severity } from '../../analysis';

/** Monaco's `MarkerSeverity` values (kept here so this module needs no Monaco import and runs in tests). */
export const MARKER_SEVERITY: Record<Severity, number> = { error: 8, warning: 4, info: 2 };

/** A Monaco `IMarkerData`. */
export interface MarkerData {
  severity: number;
  message: string;
  code: string;
  source: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/** The analysis diagnostics as editor markers (squiggles); an empty range still underlines one character. */
export function toMarkers(diagnostics: readonly Diagnostic[]): MarkerData[] {
  return diagnostics.map((d) => {
    const r = d.range;
    const empty = r.startLine === r.endLine && r.endColumn <= r.startColumn;
    return {
      severity: MARKER_SEVERITY[d.severity],
      message: d.message,
      code: d.code,
      source: 'Workflow Studio',
      startLineNumber: r.startLine,
      startColumn: r.startColumn,
      endLineNumber: r.endLine,
      endColumn: empty ? r.startColumn + 1 : r.endColumn,
    };
  });
}
