/**
 * What makes the exported Worker run the way the studio ran the file: the compatibility flags for the `step.do`
 * form the file uses, and binding names taken from the code (`self.env.MY_WORKFLOW`) where it uses another name
 * than the one the studio derives from the class. What cannot be made to match becomes a warning.
 */
import { type StepDoForm, stepDoForm, type WorkflowPlan } from '../analysis';
import type { ExportedWorkflow, NonEmpty } from './entry-template';

/** Flags every exported Worker gets: Python Workers, which also turns on Python Workflows after 2025-09-20. */
const BASE_FLAGS = ['python_workers'] as const;
/** Cloudflare's setting that keeps the legacy `depends=[...]` form past 2026-02-25. */
export const LEGACY_FORM_FLAG = 'no_python_workflows_implicit_dependencies';

/** How the exported Worker is made to fit the file. */
export interface WorkerFit {
  form: StepDoForm['form'];
  compatibilityFlags: string[];
  workflows: NonEmpty<ExportedWorkflow>;
  /** What the export changed so the Worker matches the code (e.g. a binding named as the code uses it). */
  notes: string[];
  /** What cannot match on Cloudflare. */
  warnings: string[];
}

/** One sentence on which `step.do` form the studio ran, for the UI and the CLI. */
export function describeForm(form: StepDoForm['form']): string {
  return form === 'legacy'
    ? `step.do form: legacy depends=[...] (the file uses depends=); the export sets ${LEGACY_FORM_FLAG} so Cloudflare runs it too.`
    : 'step.do form: implicit dependencies (parameters name the steps they need), the default for Python Workers from 2026-02-25.';
}

const ENV_NAME = /\benv\.([A-Z][A-Z0-9_]*)\b/g;

/** The flags, bindings and warnings for `workflows` of a file with analysis `plan` and text `source`. */
export function fitWorker(source: string, plan: WorkflowPlan, workflows: NonEmpty<ExportedWorkflow>): WorkerFit {
  const { form, conflicts } = stepDoForm(plan);
  const warnings = conflicts.map(
    (c) =>
      `line ${c.line}: step "${c.step}" names ${c.params} dependenc${c.params === 1 ? 'y' : 'ies'} as parameters without depends=, but the file uses depends= elsewhere; Cloudflare runs one step.do form per Worker, and under ${LEGACY_FORM_FLAG} this step fails with "TypeError: Step has ${c.params} non-ctx parameter(s) but no 'depends' list provided". Use one form throughout.`,
  );
  const used = new Set([...source.matchAll(ENV_NAME)].map((m) => m[1] as string));
  const derived = new Set(workflows.map((w) => w.binding));
  const unknown = [...used].filter((name) => !derived.has(name));
  const notes: string[] = [];
  let fitted = workflows;
  const [only] = workflows;
  if (unknown.length === 1 && workflows.length === 1 && !used.has(only.binding)) {
    const binding = unknown[0] as string;
    fitted = [{ ...only, binding }];
    notes.push(
      `Bound ${only.className} as self.env.${binding}, the name your code uses (the studio calls it self.env.${only.binding}).`,
    );
  } else {
    for (const name of unknown) {
      warnings.push(
        `Your code uses self.env.${name}, but no workflow is bound to that name (bindings: ${workflows.map((w) => w.binding).join(', ')}); on Cloudflare it will be missing. Use one of those names.`,
      );
    }
  }
  const compatibilityFlags = form === 'legacy' ? [...BASE_FLAGS, LEGACY_FORM_FLAG] : [...BASE_FLAGS];
  return { form, compatibilityFlags, workflows: fitted, notes, warnings };
}
