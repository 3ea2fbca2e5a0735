/**
 * Which `step.do` form a file uses. Cloudflare runs one form per Worker, chosen by a compatibility setting
 * (workers-py `entrypoints.py`): the implicit form `@step.do(name=None, *, concurrent=False, config=None)`,
 * where parameters name the steps they depend on (`python_workflows_implicit_dependencies`, implied for
 * `python_workers` from 2026-02-25), or the legacy form `@step.do(name, depends=[...], concurrent=False,
 * config=None)` (`no_python_workflows_implicit_dependencies`). A file that uses `depends=` anywhere needs the
 * legacy form; under it, a step that names dependencies as parameters without `depends=` fails with
 * `TypeError: Step has N non-ctx parameter(s) but no 'depends' list provided`.
 */
import type { WorkflowPlan } from './types.ts';

/** The form a file needs, and the steps that cannot work under it. */
export interface StepDoForm {
  form: 'implicit' | 'legacy';
  /** Legacy form only: steps with non-ctx parameters but no `depends=`, which Cloudflare's legacy form refuses. */
  conflicts: { step: string; line: number; params: number }[];
}

/** The `step.do` form of every workflow class in `plan` (one Worker, one form). */
export function stepDoForm(plan: WorkflowPlan): StepDoForm {
  const steps = plan.workflows.flatMap((w) => w.nodes.filter((n) => n.kind === 'do'));
  if (!steps.some((n) => n.depends !== undefined)) return { form: 'implicit', conflicts: [] };
  const conflicts = steps.flatMap((n) => {
    const params = n.params.filter((p) => p.name !== 'ctx').length;
    return n.depends === undefined && params > 0 ? [{ step: n.name, line: n.line, params }] : [];
  });
  return { form: 'legacy', conflicts };
}
