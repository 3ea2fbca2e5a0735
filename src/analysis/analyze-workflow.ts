import { analyzeClass } from './analyze-class.ts';
import type { CheckContext } from './check-durations.ts';
import { createDiagnostic } from './diagnostics.ts';
import { findWorkflowClasses } from './find-workflows.ts';
import { createLineIndex } from './line-index.ts';
import { ERROR_NODE, parsePython, type Tree } from './syntax.ts';
import type { WorkflowPlan } from './types.ts';

const MAX_SYNTAX_DIAGNOSTICS = 10;

function syntaxErrors(tree: Tree, ctx: CheckContext): number {
  let count = 0;
  let lastLine = 0;
  const end = ctx.source.length;
  tree.iterate({
    enter(ref) {
      if (ref.name !== ERROR_NODE) return;
      count++;
      const from = Math.min(ref.from, Math.max(0, end - 1));
      const line = ctx.lines.lineOf(from);
      if (line === lastLine || count > MAX_SYNTAX_DIAGNOSTICS) return;
      lastLine = line;
      ctx.diagnostics.push(createDiagnostic('WS000', ctx.lines.range(from, Math.max(ref.to, from + 1))));
    },
  });
  return count;
}

/** Analyse an already parsed source (used by the incremental analyzer). */
export function analyzeTree(tree: Tree, source: string): WorkflowPlan {
  const ctx: CheckContext = { source, lines: createLineIndex(source), diagnostics: [] };
  const errors = syntaxErrors(tree, ctx);
  const classes = findWorkflowClasses(tree, source);
  if (classes.length === 0) {
    const firstLineEnd = source.search(/\r?\n|\r|$/);
    ctx.diagnostics.push(createDiagnostic('WS001', ctx.lines.range(0, firstLineEnd)));
  }
  const workflows = classes.map((wf) => analyzeClass(wf, ctx));
  const diagnostics = ctx.diagnostics.sort((a, b) => a.range.from - b.range.from || a.code.localeCompare(b.code));
  return { workflows, diagnostics, syntaxErrors: errors };
}

/**
 * Build the static step graph and diagnostics of a Python workflow source. Never throws on user input: code
 * with syntax errors is analysed as far as the tolerant parser recovers. Pure and synchronous.
 */
export function analyzeWorkflow(source: string): WorkflowPlan {
  return analyzeTree(parsePython(source), source);
}
