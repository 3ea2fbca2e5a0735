/**
 * `workflow-studio graph FILE.py [--json]`: the static step graph the studio draws (src/analysis), for scripts
 * and CI. `--json` prints the analysis result exactly as the UI receives it: `{ workflows: [{ className,
 * nodes, edges, groups, calls, … }], diagnostics, syntaxErrors }`. Exit 0, or 1 when a diagnostic is an error.
 */
import {
  analyzeWorkflow,
  bindingNameOf,
  type PlanNode,
  stepDoForm,
  type WorkflowPlan,
  workflowNameOf,
} from '../analysis';
import { describeForm } from '../export';
import { BadInput, readWorkflowSource } from './bad-input';
import { parseCommandArgs } from './command-args';
import type { CliIo } from './run-command';

export const GRAPH_USAGE = `Usage: workflow-studio graph FILE.py [--json]

Prints the static step graph of a Python workflow (what the studio draws): each workflow class with its steps,
sleeps and waits, the edges between them (dependency: a parameter names the step; order: awaited after it),
and every diagnostic. --json prints the analysis as one JSON object (non-finite numbers as "Infinity").

Exit codes: 0 no error diagnostics, 1 some diagnostic is an error (syntax, SDK misuse), 2 bad input.`;

/** JSON text of the plan; `float("inf")` in a literal becomes `"Infinity"` instead of JSON's `null`. */
export const planJson = (plan: WorkflowPlan): string =>
  JSON.stringify(plan, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));

function nodeLine(node: PlanNode): string {
  const notes = [
    node.dynamicName ? 'dynamic name' : '',
    node.inLoop ? 'in a loop' : '',
    node.inBranch ? 'in a branch' : '',
    node.kind === 'do' && node.concurrent ? 'concurrent' : '',
  ].filter(Boolean);
  const label = node.dynamicName ? node.name : JSON.stringify(node.name);
  return `    ${node.kind.padEnd(14)} ${label}  line ${node.line}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

/** The readable graph: per workflow its nodes and edges, then the diagnostics with file:line:column. */
export function formatGraph(file: string, plan: WorkflowPlan): string {
  const lines: string[] = [];
  for (const wf of plan.workflows) {
    lines.push(
      `${wf.className}  workflow "${workflowNameOf(wf.className)}", binding self.env.${bindingNameOf(wf.className)}`,
    );
    const byId = new Map(wf.nodes.map((n) => [n.id, n]));
    const nameOf = (id: string) => JSON.stringify(byId.get(id as PlanNode['id'])?.name ?? id);
    lines.push(wf.nodes.length === 0 ? '  no steps' : '  nodes:');
    for (const node of wf.nodes) lines.push(nodeLine(node));
    if (wf.edges.length > 0) lines.push('  edges:');
    for (const edge of wf.edges) lines.push(`    ${nameOf(edge.from)} -> ${nameOf(edge.to)}  (${edge.kind})`);
  }
  if (plan.workflows.length > 0) lines.push(describeForm(stepDoForm(plan).form));
  if (plan.diagnostics.length > 0) lines.push('diagnostics:');
  for (const d of plan.diagnostics) {
    lines.push(`  ${file}:${d.range.startLine}:${d.range.startColumn}: ${d.severity} ${d.code} ${d.message}`);
  }
  return lines.join('\n');
}

/** Runs `workflow-studio graph <argv>`; returns the exit code. */
export async function runGraphCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, { values: {}, flags: ['--json'] });
  if (!args.ok) {
    io.stderr(`${args.message}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(`${GRAPH_USAGE}\n`);
    return 0;
  }
  const [file, ...extra] = args.positional;
  if (file === undefined || extra.length > 0) {
    io.stderr(
      file === undefined
        ? 'error: missing workflow file: workflow-studio graph FILE.py [--json]\n'
        : `error: expected one workflow file, got ${args.positional.length}: ${args.positional.join(' ')}\n`,
    );
    return 2;
  }
  let source: string;
  try {
    source = readWorkflowSource(file);
  } catch (e) {
    if (!(e instanceof BadInput)) throw e;
    io.stderr(`error: ${e.message}\n`);
    return 2;
  }
  const plan = analyzeWorkflow(source);
  io.stdout(args.flags.has('--json') ? `${planJson(plan)}\n` : `${formatGraph(file, plan)}\n`);
  return plan.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
