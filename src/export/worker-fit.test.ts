/**
 * Export, per case of issue #20 point 8: the compatibility flags the file's `step.do` form needs, binding names
 * taken from the code, and warnings for what cannot match on Cloudflare. Wrangler's own config reader checks
 * every case's `wrangler.jsonc` in `tests/wrangler-config/`.
 */
import { describe, expect, it } from 'vitest';
import { buildCloudflareProject, type CloudflareProject } from './cloudflare-project';
import { parseJsonc } from './test-utils';
import { IMPLICIT, LEGACY, MIXED, OWN_FETCH, UNBOUND_ENV_NAME } from './test-worker-fit-cases';

function build(source: string): CloudflareProject {
  const project = buildCloudflareProject({ source, fileName: 'dag.py' });
  if (!project.ok) throw new Error(project.message);
  return project;
}
const wrangler = (p: CloudflareProject) => parseJsonc(p.files['wrangler.jsonc'] as string) as Record<string, unknown>;

describe('export fits the Worker to the file', () => {
  it('exports the implicit form with python_workers only', () => {
    const p = build(IMPLICIT);
    expect(p.stepForm).toBe('implicit');
    expect(wrangler(p).compatibility_flags).toEqual(['python_workers']);
    expect(p.warnings).toEqual([]);
  });

  it('sets no_python_workflows_implicit_dependencies for a file using depends=, as the studio ran it', () => {
    const p = build(LEGACY);
    expect(p.stepForm).toBe('legacy');
    expect(wrangler(p).compatibility_flags).toEqual(['python_workers', 'no_python_workflows_implicit_dependencies']);
    expect(p.files['wrangler.jsonc']).toContain(
      '// no_python_workflows_implicit_dependencies: the file uses step.do(..., depends=[...])',
    );
    expect(p.warnings).toEqual([]);
  });

  it('warns when a file mixes the forms, which no Worker can run', () => {
    const p = build(MIXED);
    expect(p.stepForm).toBe('legacy');
    expect(p.warnings).toEqual([
      `line 14: step "c" names 1 dependency as parameters without depends=, but the file uses depends= elsewhere; Cloudflare runs one step.do form per Worker, and under no_python_workflows_implicit_dependencies this step fails with "TypeError: Step has 1 non-ctx parameter(s) but no 'depends' list provided". Use one form throughout.`,
    ]);
  });

  it("binds the workflow under the name the user's own fetch uses (self.env.MY_WORKFLOW), saying so", () => {
    const p = build(OWN_FETCH);
    expect(p.workflows).toEqual([{ className: 'DAGWorkflow', workflowName: 'dag-workflow', binding: 'MY_WORKFLOW' }]);
    expect(wrangler(p).workflows).toEqual([
      { name: 'dag-workflow', binding: 'MY_WORKFLOW', class_name: 'DAGWorkflow' },
    ]);
    expect(p.notes).toEqual([
      'Bound DAGWorkflow as self.env.MY_WORKFLOW, the name your code uses (the studio calls it self.env.DAG_WORKFLOW).',
    ]);
    expect(p.warnings).toEqual([]);
  });

  it('warns about an env name no workflow can be bound to', () => {
    const p = build(UNBOUND_ENV_NAME);
    expect(p.workflows[0]?.binding).toBe('DAG_WORKFLOW');
    expect(p.warnings).toEqual([
      'Your code uses self.env.MY_WORKFLOW, but no workflow is bound to that name (bindings: DAG_WORKFLOW); on Cloudflare it will be missing. Use one of those names.',
    ]);
  });
});
