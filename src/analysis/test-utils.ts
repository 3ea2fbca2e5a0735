/**
 * Helpers for the analysis tests: dedented Python sources, ranges located by text, node and diagnostic lookup.
 * @internal
 */
import { analyzeWorkflow } from './analyze-workflow.ts';
import type { Diagnostic, PlanNode, SourceRange, WorkflowAnalysis, WorkflowPlan } from './types.ts';

/** A Python source from a template literal: raw (backslashes kept), first newline and common indent removed. */
export function py(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = String.raw({ raw: strings }, ...values).replace(/^\n/, '');
  const indents = raw
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (/^ */.exec(l) as RegExpExecArray)[0].length);
  const cut = Math.min(...indents);
  return raw
    .split('\n')
    .map((l) => l.slice(cut))
    .join('\n');
}

/** Wrap statements as the body of `run()` in a `WorkflowEntrypoint` subclass (body indented by 8 spaces). */
export function workflow(body: string): string {
  const indented = body
    .split('\n')
    .map((l) => (l.trim() === '' ? '' : `        ${l}`))
    .join('\n');
  return `from workers import WorkflowEntrypoint\n\n\nclass Flow(WorkflowEntrypoint):\n    async def run(self, event, step):\n${indented}\n`;
}

/**
 * Line/column range of the `occurrence`-th appearance of `snippet` in `source`. When the snippet contains
 * `⟦…⟧`, it is located without the brackets and the range covers only the bracketed part.
 */
export function rangeOf(source: string, snippet: string, occurrence = 1): Omit<SourceRange, 'from' | 'to'> {
  const open = snippet.indexOf('⟦');
  const plain = snippet.replace('⟦', '').replace('⟧', '');
  const inner = open < 0 ? plain : snippet.slice(open + 1, snippet.indexOf('⟧'));
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = source.indexOf(plain, at + 1);
    if (at < 0) throw new Error(`snippet ${JSON.stringify(snippet)} #${occurrence} not in source`);
  }
  const start = at + Math.max(open, 0);
  const pos = (offset: number) => {
    const before = source.slice(0, offset).split('\n');
    return { line: before.length, column: (before.at(-1) as string).length + 1 };
  };
  const a = pos(start);
  const b = pos(start + inner.length);
  return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
}

/** The only workflow of a plan (fails the test when there is not exactly one). */
export function only(plan: WorkflowPlan): WorkflowAnalysis {
  if (plan.workflows.length !== 1) throw new Error(`expected one workflow, got ${plan.workflows.length}`);
  return plan.workflows[0] as WorkflowAnalysis;
}

/** Node of a workflow by id. */
export function nodeById(wf: WorkflowAnalysis, id: string): PlanNode {
  const node = wf.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}; have ${wf.nodes.map((n) => n.id).join(', ')}`);
  return node;
}

/** Edges as `kind from->to` strings, for compact assertions. */
export const edgeList = (wf: WorkflowAnalysis): string[] => wf.edges.map((e) => `${e.kind} ${e.from}->${e.to}`);

/** Codes of all diagnostics. */
export const codes = (plan: WorkflowPlan): string[] => plan.diagnostics.map((d) => d.code);

/** Analyse and return the diagnostics with `code`. */
export function diagnosticsOf(source: string, code: string): Diagnostic[] {
  return analyzeWorkflow(source).diagnostics.filter((d) => d.code === code);
}
