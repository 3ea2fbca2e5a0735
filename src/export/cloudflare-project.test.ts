import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyzeWorkflow, decodePythonSource } from '../analysis';
import orderSource from './__fixtures__/order_workflow.py?raw';
import { buildCloudflareProject, type CloudflareProject, ENTRYPOINT_MARKER, PROJECT_FILES, zipProject } from './index';
import { parseJsonc, unzipText } from './test-utils';

interface Wrangler {
  name: string;
  main: string;
  compatibility_date: string;
  compatibility_flags: string[];
  workflows: { name: string; binding: string; class_name: string }[];
}

function build(source: string, fileName = 'flow.py', projectName?: string): CloudflareProject {
  const result = buildCloudflareProject({ source, fileName, ...(projectName ? { projectName } : {}) });
  if (!result.ok) throw new Error(result.message);
  return result;
}

const errorOf = (source: string, fileName = 'flow.py', projectName?: string) => {
  const result = buildCloudflareProject({ source, fileName, ...(projectName ? { projectName } : {}) });
  return result.ok ? 'exported' : result.message;
};

const TWO_WORKFLOWS = `from workers import WorkflowEntrypoint


class IngestWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        await step.sleep("pause", "1 minute")


class HTTPReportWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        return await self.env.INGEST_WORKFLOW.create()
`;

describe('buildCloudflareProject()', () => {
  it('zips a project whose files a user can unpack, parse and deploy', () => {
    const project = build(orderSource, 'order_workflow.py');
    const files = unzipText(zipProject(project.files));
    expect(Object.keys(files)).toEqual([...PROJECT_FILES]);
    expect(files).toEqual(project.files);

    const wrangler = parseJsonc(files['wrangler.jsonc'] as string) as Wrangler;
    expect(wrangler).toEqual({
      name: 'order-workflow',
      main: 'src/entry.py',
      compatibility_date: '2026-02-25',
      compatibility_flags: ['python_workers'],
      workflows: [{ name: 'order-workflow', binding: 'ORDER_WORKFLOW', class_name: 'OrderWorkflow' }],
      observability: { enabled: true },
    });
    expect(wrangler.compatibility_date >= '2026-02-25').toBe(true);

    const entry = files['src/entry.py'] as string;
    expect(entry.startsWith(orderSource)).toBe(true);
    const plan = analyzeWorkflow(entry);
    expect(plan.syntaxErrors).toBe(0);
    for (const w of wrangler.workflows) {
      expect(plan.workflows.map((a) => a.className)).toContain(w.class_name);
      expect(entry).toMatch(new RegExp(`^class ${w.class_name}\\(WorkflowEntrypoint\\):`, 'm'));
    }
    expect(entry.match(/^class Default\(/gm)).toHaveLength(1);
    expect(entry).toContain('_BINDINGS = {\n    "order-workflow": "ORDER_WORKFLOW",\n}');

    expect(files['pyproject.toml']).toContain('name = "order-workflow"');
    expect(files['pyproject.toml']).toContain('dev = ["workers-py", "workers-runtime-sdk"]');
    expect(files['README.md']).toContain('uv run pywrangler dev');
    expect(files['README.md']).toContain('uv run pywrangler deploy');
    expect(files['README.md']).toContain('| `OrderWorkflow` | `self.env.ORDER_WORKFLOW` | `order-workflow` |');
    expect(project.warnings).toEqual([]);
  });

  it('writes a source that declared latin-1 as UTF-8 bytes, with its coding line saying utf-8', () => {
    const source = `# -*- coding: latin-1 -*-\nGREETING = "café"\n${orderSource}`;
    const bytes = unzipSync(zipProject(build(source, 'order_workflow.py').files))['src/entry.py'] as Uint8Array;
    // What Python reads from the exported bytes: without the rewrite it would be "cafÃ©".
    const read = decodePythonSource(bytes, 'src/entry.py');
    expect(read).toMatchObject({ ok: true, encoding: 'utf-8' });
    expect(read.ok && read.text.startsWith('# -*- coding: utf-8 -*-\nGREETING = "café"\n')).toBe(true);
  });

  it('gives every WorkflowEntrypoint class a binding named as in the studio, the first one the default', () => {
    const project = build(TWO_WORKFLOWS, 'pipeline.py');
    const wrangler = parseJsonc(project.files['wrangler.jsonc'] as string) as Wrangler;
    expect(wrangler.name).toBe('pipeline');
    expect(wrangler.workflows).toEqual([
      { name: 'ingest-workflow', binding: 'INGEST_WORKFLOW', class_name: 'IngestWorkflow' },
      { name: 'http-report-workflow', binding: 'HTTP_REPORT_WORKFLOW', class_name: 'HTTPReportWorkflow' },
    ]);
    expect(project.files['src/entry.py']).toContain('_DEFAULT_WORKFLOW = "ingest-workflow"');
    expect(project.files['README.md']).toContain(
      'Add `&workflow=NAME` to use another workflow than `ingest-workflow`.',
    );
  });

  it("keeps the user's own WorkerEntrypoint and adds no second one", () => {
    const source = `from workers import Response, WorkerEntrypoint, WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        return 1


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        instance = await self.env.MY_WORKFLOW.create()
        return Response.json({"id": instance.id})
`;
    const project = build(source);
    expect(project.files['src/entry.py']).toBe(source);
    expect(project.files['src/entry.py']).not.toContain(ENTRYPOINT_MARKER);
    expect(project.entrypoint).toEqual({ className: 'Default', generated: false });
    expect(project.files['README.md']).toContain('HTTP requests go to your own `WorkerEntrypoint`\n(`Default`)');
    expect(project.warnings).toEqual([]);
  });

  it('warns when the own WorkerEntrypoint is not named Default (found through an alias)', () => {
    const source = `import workers
from workers import WorkerEntrypoint as Entry


class Flow(workers.WorkflowEntrypoint):
    async def run(self, event, step):
        return 1


class Api(Entry):
    async def fetch(self, request):
        return None
`;
    const project = build(source);
    expect(project.entrypoint).toEqual({ className: 'Api', generated: false });
    expect(project.warnings).toEqual([
      'Your WorkerEntrypoint is Api; Cloudflare sends HTTP requests to the class named Default, so rename it if it should serve them.',
    ]);
    expect(project.files['README.md']).toContain('## Check before deploying');
  });

  it('lists error diagnostics of the analysis as warnings and in the README', () => {
    const source = `from workers import WorkflowEntrypoint


class Flow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def total(price):
            return price

        return await total()
`;
    const project = build(source);
    expect(project.warnings).toEqual([
      'line 7: WS003 Received unexpected parameter price: a parameter of step "total" must be ctx or the name of a step declared before it runs.',
    ]);
    expect(project.files['README.md']).toContain(`- ${project.warnings[0]}`);
  });

  it('takes the Worker name from the file name, or from projectName', () => {
    expect(build(orderSource, 'My Order_Flow.py').projectName).toBe('my-order-flow');
    expect(build(orderSource, '.py').projectName).toBe('workflow-studio-export');
    expect(build(orderSource, 'x.py', 'shop-orders').projectName).toBe('shop-orders');
  });

  it('appends the entrypoint after a file without a final newline, leaving the file byte for byte', () => {
    const source = orderSource.trimEnd();
    const entry = build(source).files['src/entry.py'] as string;
    expect(entry.startsWith(`${source}\n\n\n${ENTRYPOINT_MARKER}`)).toBe(true);
  });

  it('zips under a folder when asked, and makes the same bytes for the same files', () => {
    const project = build(orderSource);
    const zip = zipProject(project.files, { folder: 'order-workflow' });
    expect(Object.keys(unzipText(zip))).toEqual(PROJECT_FILES.map((p) => `order-workflow/${p}`));
    expect(zipProject(project.files, { folder: 'order-workflow' })).toEqual(zip);
  });
});

describe('buildCloudflareProject() errors', () => {
  it('refuses a syntax error, naming the line', () => {
    expect(
      errorOf(
        'from workers import WorkflowEntrypoint\n\nclass Flow(WorkflowEntrypoint):\n    async def run(self, event, step)\n        return 1\n',
      ),
    ).toBe(
      'Cannot export flow.py: syntax error on line 4. Fix it first; Cloudflare would refuse to deploy the Worker.',
    );
  });

  it('refuses a file without a WorkflowEntrypoint subclass', () => {
    expect(errorOf('print("hello")\n', 'hello.py')).toBe(
      'Cannot export hello.py: it defines no WorkflowEntrypoint subclass. Add one, e.g. "class MyWorkflow(WorkflowEntrypoint):" with "async def run(self, event, step):".',
    );
    expect(errorOf('', 'empty.py')).toBe(
      'Cannot export empty.py: it defines no WorkflowEntrypoint subclass. Add one, e.g. "class MyWorkflow(WorkflowEntrypoint):" with "async def run(self, event, step):".',
    );
  });

  it('refuses a workflow class that is not at the top level', () => {
    const source = `from workers import WorkflowEntrypoint


class Outer:
    class Inner(WorkflowEntrypoint):
        async def run(self, event, step):
            return 1
`;
    expect(errorOf(source)).toBe(
      'Cannot export flow.py: WorkflowEntrypoint subclass Inner is not defined at the top level of the file; Cloudflare only finds module-level classes.',
    );
  });

  it('refuses a file that already binds Default to something else', () => {
    expect(errorOf(`${orderSource}\n\nDefault = {"order": "A-1"}\n`)).toBe(
      `Cannot export flow.py: line ${orderSource.split('\n').length + 2} already defines Default, the name of a Python Worker's HTTP entrypoint. Rename it, or make it your own WorkerEntrypoint subclass.`,
    );
  });

  it('refuses two classes that would share one binding', () => {
    const source = `from workers import WorkflowEntrypoint


class MyFlow(WorkflowEntrypoint):
    async def run(self, event, step):
        return 1


class My_Flow(WorkflowEntrypoint):
    async def run(self, event, step):
        return 2
`;
    expect(errorOf(source)).toBe(
      'Cannot export flow.py: classes MyFlow and My_Flow both become binding MY_FLOW (workflow "my-flow"). Rename one of them.',
    );
  });

  it('refuses a class whose workflow name Cloudflare refuses (over 64 characters)', () => {
    const cls = `Order${'Processing'.repeat(6)}Workflow`;
    const source = orderSource.replace('class OrderWorkflow(', `class ${cls}(`);
    expect(errorOf(source)).toBe(
      `Cannot export flow.py: class ${cls} gets the workflow name "order${'-processing'.repeat(6)}-workflow", which Cloudflare refuses (it is 80 characters long; the maximum is 64). Rename the class.`,
    );
  });

  it('refuses an invalid project name', () => {
    expect(errorOf(orderSource, 'flow.py', 'Shop Orders')).toBe(
      'Cannot export: the project name "Shop Orders" is not a valid Worker name (use lowercase letters, digits and dashes, starting and ending with a letter or digit), e.g. "order-flow".',
    );
    expect(errorOf(orderSource, 'flow.py', 'x'.repeat(64))).toBe(
      `Cannot export: the project name "${'x'.repeat(64)}" is not a valid Worker name (it is 64 characters long; the maximum is 63), e.g. "order-flow".`,
    );
  });
});
