/**
 * Export, per case of issue #20 point 8: the compatibility flags the file's `step.do` form needs, binding names
 * taken from the code, warnings for what cannot match on Cloudflare, and every generated `wrangler.jsonc`
 * checked against wrangler's own config schema (wrangler 4.164.0 `config-schema.json`, vendored in
 * `__fixtures__/` without its description texts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCloudflareProject, type CloudflareProject } from './cloudflare-project';
import { schemaErrors } from './test-json-schema';
import { parseJsonc } from './test-utils';

const SCHEMA = JSON.parse(readFileSync('src/export/__fixtures__/wrangler-config-schema.json', 'utf8'));

const HEAD = 'from workers import WorkflowEntrypoint, WorkerEntrypoint, Response\n\n\n';
const IMPLICIT = `${HEAD}class DAGWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def a():
            return 1

        @step.do()
        async def b(a):
            return a + 1

        return await b()
`;
const LEGACY = `${HEAD}class DAGWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("a")
        async def a():
            return 1

        @step.do("b", depends=[a])
        async def b(result):
            return result + 1

        return await b()
`;
const MIXED = LEGACY.replace(
  '        return await b()\n',
  '        @step.do()\n        async def c(a):\n            return a\n\n        return [await b(), await c()]\n',
);
const OWN_FETCH = `${IMPLICIT}

class Default(WorkerEntrypoint):
    async def fetch(self, request):
        instance = await self.env.MY_WORKFLOW.create()
        return Response.json({"id": instance.id})
`;

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
    const source = `${OWN_FETCH.replace('self.env.MY_WORKFLOW.create()', 'self.env.MY_WORKFLOW.create(); self.env.DAG_WORKFLOW')}`;
    const p = build(source);
    expect(p.workflows[0]?.binding).toBe('DAG_WORKFLOW');
    expect(p.warnings).toEqual([
      'Your code uses self.env.MY_WORKFLOW, but no workflow is bound to that name (bindings: DAG_WORKFLOW); on Cloudflare it will be missing. Use one of those names.',
    ]);
  });

  it.each([
    ['implicit', IMPLICIT],
    ['legacy', LEGACY],
    ['own fetch', OWN_FETCH],
  ])("writes a wrangler.jsonc that wrangler's config schema accepts (%s)", (_case, source) => {
    expect(schemaErrors(SCHEMA, wrangler(build(source)))).toEqual([]);
  });

  it('the schema check fails on what wrangler refuses (so the check above can fail)', () => {
    const config = wrangler(build(IMPLICIT));
    expect(schemaErrors(SCHEMA, { ...config, compatibility_flags: 'python_workers' })).toEqual([
      '$.compatibility_flags: expected array',
    ]);
    expect(schemaErrors(SCHEMA, { ...config, workflow: [] })).toContain('$.workflow: not allowed');
    expect(schemaErrors(SCHEMA, { ...config, workflows: [{ binding: 'X' }] }).length).toBeGreaterThan(0);
  });
});
