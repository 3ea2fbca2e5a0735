/**
 * `buildCloudflareProject`: the studio's file as a Cloudflare Python Worker project that deploys unchanged —
 * the same bindings (`self.env.MY_WORKFLOW`) and workflow names the studio's runtime uses. Pure: the UI zips the
 * files, the CLI writes them to a directory.
 */
import { analyzeWorkflow, bindingNameOf, declareUtf8, workflowNameOf, workflowNameProblem } from '../analysis';
import type { EnvDeclaration, Json } from '../engine';
import { type ExportedWorkflow, entrypointBlock, type NonEmpty } from './entry-template';
import { planEnvExport } from './env-export';
import { workerNameFromFile, workerNameProblem } from './names';
import { type ProjectFacts, pyprojectToml, readme, wranglerJsonc } from './project-files';
import { outlineModule } from './python-source';
import { fitWorker } from './worker-fit';

/** What to export. */
export interface BuildProjectParams {
  /** The workflow file's Python source. */
  source: string;
  /** Its file name in the studio (used for the project name and in messages), e.g. `order_flow.py`. */
  fileName: string;
  /** The Worker name; default: from `fileName` (`order_flow.py` → `order-flow`). */
  projectName?: string;
  /** Params for the README's example request; default `{}`. */
  exampleParams?: Json;
  /** The file's env declaration (KV, D1, R2, vars, secrets): the ones the code uses are declared; secrets never. */
  env?: EnvDeclaration;
}

/** A deployable project: file path → text, in the order to show them. */
export interface CloudflareProject {
  ok: true;
  projectName: string;
  files: Record<string, string>;
  workflows: ExportedWorkflow[];
  /** The WorkerEntrypoint serving HTTP: the user's own, or the generated `Default`. */
  entrypoint: { className: string; generated: boolean };
  /** Problems worth fixing before deploying (or that cannot match on Cloudflare); the project is still written. */
  warnings: string[];
  /** The `step.do` form the studio ran the file with, and the compatibility flags that make Cloudflare run it. */
  stepForm: 'implicit' | 'legacy';
  compatibilityFlags: string[];
  /** What the export adapted so the Worker matches the code (e.g. a binding named as the code uses it). */
  notes: string[];
}

/** Why the file cannot be exported: one message to show as is. */
export interface ExportError {
  ok: false;
  message: string;
}

/** Result of {@link buildCloudflareProject}. */
export type BuildProjectResult = CloudflareProject | ExportError;

/** The files of every project, in this order. */
export const PROJECT_FILES = ['wrangler.jsonc', 'pyproject.toml', 'src/entry.py', 'README.md'] as const;

const fail = (message: string): ExportError => ({ ok: false, message });

/** Builds the project files, or says why the source cannot be exported. Never throws on user input. */
export function buildCloudflareProject(params: BuildProjectParams): BuildProjectResult {
  const { fileName } = params;
  // The project's files are UTF-8: a coding line naming another encoding would make Python misread them.
  const source = declareUtf8(params.source);
  const projectName = params.projectName ?? workerNameFromFile(fileName);
  const nameProblem = workerNameProblem(projectName);
  if (nameProblem !== undefined) {
    return fail(
      `Cannot export: the project name ${JSON.stringify(projectName)} is not a valid Worker name (${nameProblem}), e.g. "order-flow".`,
    );
  }
  const plan = analyzeWorkflow(source);
  const syntax = plan.diagnostics.find((d) => d.code === 'WS000');
  if (plan.syntaxErrors > 0) {
    const where = syntax ? ` on line ${syntax.range.startLine}` : '';
    return fail(
      `Cannot export ${fileName}: syntax error${where}. Fix it first; Cloudflare would refuse to deploy the Worker.`,
    );
  }
  if (plan.workflows.length === 0) {
    return fail(
      `Cannot export ${fileName}: it defines no WorkflowEntrypoint subclass. Add one, e.g. "class MyWorkflow(WorkflowEntrypoint):" with "async def run(self, event, step):".`,
    );
  }
  const outline = outlineModule(source);
  const topLevel = new Set(outline.classes.map((c) => c.name));
  const nested = plan.workflows.filter((w) => !topLevel.has(w.className));
  const [first, ...rest] = plan.workflows
    .filter((w) => topLevel.has(w.className))
    .map((w) => ({
      className: w.className,
      workflowName: workflowNameOf(w.className),
      binding: bindingNameOf(w.className),
    }));
  if (!first) {
    return fail(
      `Cannot export ${fileName}: WorkflowEntrypoint subclass ${nested[0]?.className} is not defined at the top level of the file; Cloudflare only finds module-level classes.`,
    );
  }
  const derived: NonEmpty<ExportedWorkflow> = [first, ...rest];
  for (const w of derived) {
    const problem = workflowNameProblem(w.workflowName);
    if (problem !== undefined) {
      return fail(
        `Cannot export ${fileName}: class ${w.className} gets the workflow name "${w.workflowName}", which Cloudflare refuses (${problem}). Rename the class.`,
      );
    }
  }
  const clash = findClash(derived);
  if (clash) return fail(`Cannot export ${fileName}: ${clash}`);
  const fit = fitWorker(source, plan, derived);
  const { workflows } = fit;

  const warnings = plan.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `line ${d.range.startLine}: ${d.code} ${d.message}`);
  for (const w of nested) warnings.push(`${w.className} is not defined at the top level, so it is not exported.`);
  warnings.push(...fit.warnings);
  const ownEntrypoints = outline.classes.filter((c) => c.isWorkerEntrypoint);
  let entrypoint: CloudflareProject['entrypoint'];
  let entry = source;
  if (ownEntrypoints.length > 0) {
    const own = ownEntrypoints.find((c) => c.name === 'Default') ?? (ownEntrypoints[0] as (typeof ownEntrypoints)[0]);
    entrypoint = { className: own.name, generated: false };
    if (own.name !== 'Default') {
      warnings.push(
        `Your WorkerEntrypoint is ${own.name}; Cloudflare sends HTTP requests to the class named Default, so rename it if it should serve them.`,
      );
    }
  } else {
    const taken = outline.defaultBindings[0];
    if (taken !== undefined) {
      return fail(
        `Cannot export ${fileName}: line ${taken} already defines Default, the name of a Python Worker's HTTP entrypoint. Rename it, or make it your own WorkerEntrypoint subclass.`,
      );
    }
    entrypoint = { className: 'Default', generated: true };
    const separator = source.endsWith('\n') ? '\n\n' : '\n\n\n';
    entry = `${source}${separator}${entrypointBlock(workflows)}`;
  }
  const env = params.env
    ? planEnvExport(
        params.env,
        source,
        workflows.map((w) => w.binding),
      )
    : undefined;
  if (env && env.unused.length > 0) {
    fit.notes.push(`Not declared in wrangler.jsonc, as the code does not use them: ${env.unused.join(', ')}.`);
  }
  if (env && env.undeclared.length > 0) {
    warnings.push(
      `The code uses ${env.undeclared.map((n) => `self.env.${n}`).join(', ')}, which the file's env does not declare; declare it (KV, D1, R2, var or secret) so the export can bind it.`,
    );
  }
  const facts: ProjectFacts = {
    projectName,
    fileName,
    workflows,
    entrypoint,
    exampleParams: params.exampleParams ?? {},
    warnings,
    compatibilityFlags: fit.compatibilityFlags,
    ...(env ? { env } : {}),
  };
  const files: Record<(typeof PROJECT_FILES)[number], string> = {
    'wrangler.jsonc': wranglerJsonc(facts),
    'pyproject.toml': pyprojectToml(facts),
    'src/entry.py': entry,
    'README.md': readme(facts),
  };
  return {
    ok: true,
    projectName,
    files,
    workflows: [...workflows],
    entrypoint,
    warnings,
    stepForm: fit.form,
    compatibilityFlags: fit.compatibilityFlags,
    notes: fit.notes,
  };
}

/** Two classes whose names map to the same binding or workflow name (e.g. `MyFlow` and `My_Flow`). */
function findClash(workflows: readonly ExportedWorkflow[]): string | undefined {
  const seen = new Map<string, string>();
  for (const w of workflows) {
    const other = seen.get(w.binding);
    if (other !== undefined) {
      return `classes ${other} and ${w.className} both become binding ${w.binding} (workflow "${w.workflowName}"). Rename one of them.`;
    }
    seen.set(w.binding, w.className);
  }
  return undefined;
}
