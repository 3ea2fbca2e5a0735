import { type ChangedRange, TreeFragment } from '@lezer/common';
import { analyzeTree } from './analyze-workflow.ts';
import { shareUnchanged } from './share-unchanged.ts';
import { parsePython } from './syntax.ts';
import type { WorkflowPlan } from './types.ts';

/** A stateful analyzer for one editor buffer: re-analyses each new version of the source incrementally. */
export interface WorkflowAnalyzer {
  /**
   * Analyse `source`. Reuses the previous parse tree for unchanged text (lezer fragments) and previous plan
   * objects for unchanged workflows, nodes, edges and groups; the same source returns the same plan object.
   */
  analyze(source: string): WorkflowPlan;
  /** Drop the cached tree and plan. Safe to call twice. */
  dispose(): void;
}

/** The single edited span between two versions (common prefix and suffix kept). */
function changedRange(before: string, after: string): ChangedRange {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  return { fromA: prefix, toA: before.length - suffix, fromB: prefix, toB: after.length - suffix };
}

/** Create an analyzer for a buffer that changes as the user types (the editor's squiggles and live graph). */
export function createWorkflowAnalyzer(): WorkflowAnalyzer {
  let last: { source: string; fragments: readonly TreeFragment[]; plan: WorkflowPlan } | undefined;
  return {
    analyze(source) {
      if (last?.source === source) return last.plan;
      const reuse = last ? TreeFragment.applyChanges(last.fragments, [changedRange(last.source, source)]) : [];
      const tree = parsePython(source, reuse);
      const plan = shareUnchanged(last?.plan, analyzeTree(tree, source));
      last = { source, fragments: TreeFragment.addTree(tree, reuse), plan };
      return plan;
    },
    dispose() {
      last = undefined;
    },
  };
}
