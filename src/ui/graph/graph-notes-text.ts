/**
 * The words of the graph's footnotes that depend on Cloudflare's rules: a divergence (a sleep asked for with
 * another duration is another call there, since its key holds the duration, and so here: the new sleep waits
 * its whole duration) and which `step.do` form the file runs.
 */
import { stepDoForm, type WorkflowPlan } from '../../analysis';
import type { DivergenceView } from '../../engine';

const KIND = { do: 'step', sleep: 'sleep', wait: 'wait' } as const;

/** One sentence for a journaled divergence. */
export function divergenceText(d: DivergenceView): string {
  const expected = `${KIND[d.expected.kind]} “${d.expected.name}”`;
  const same =
    d.got !== null &&
    d.got.kind === d.expected.kind &&
    d.got.name === d.expected.name &&
    d.got.count === d.expected.count;
  if (same) {
    return `⚠ Run ${d.run} diverged from the journal: it asked for ${expected} with another duration. Cloudflare keys a sleep by its name and duration, so this is a new sleep, as there: the journaled one is orphaned and the new one waits its whole new duration.`;
  }
  const got = d.got ? `, the code asked for ${KIND[d.got.kind]} “${d.got.name}”` : ', the code issued no further call';
  const after = d.got ? ` and “${d.got.name}” ran as a new call` : '';
  return `⚠ Run ${d.run} diverged from the journal: it expected ${expected}${got}. The journaled call is orphaned${after}.`;
}

/** Which `step.do` form the studio runs the file with (and an export sets), for a muted footnote. */
export function stepFormText(plan: WorkflowPlan): string | null {
  if (plan.workflows.length === 0) return null;
  return stepDoForm(plan).form === 'legacy'
    ? 'step.do form: legacy depends=[…] (export sets no_python_workflows_implicit_dependencies)'
    : 'step.do form: implicit (parameters name the steps they need)';
}
