import type { SourceRange } from '../../analysis';
import { appStore } from '../../store';

/** Selects a plan node for the inspector and history, and shows its code in the editor. */
export function selectPlanNode(nodeId: string, range: SourceRange): void {
  const s = appStore.getState();
  s.select({ type: 'node', nodeId, call: null });
  s.revealRange({
    line: range.startLine,
    column: range.startColumn,
    endLine: range.endLine,
    endColumn: range.endColumn,
  });
}
