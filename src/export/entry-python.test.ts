/**
 * The exported `src/entry.py` checked by Python itself: it parses (CPython's `ast.parse`, in Pyodide), the names
 * match the studio runtime's, and the generated `Default.fetch` answers HTTP requests as documented — against
 * a binding that returns Python dicts (the studio) and one that returns JS objects and promises (Cloudflare).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bindingNameOf, workflowNameOf } from '../analysis';
import { loadNodePython, type NodePython } from '../runtime/node';
import approvalSource from './__fixtures__/approval_workflow.py?raw';
import orderSource from './__fixtures__/order_workflow.py?raw';
import { buildCloudflareProject } from './index';

let python: NodePython;
beforeAll(async () => {
  python = await loadNodePython({ stdout: () => {} });
});

function entryOf(source: string, fileName: string): string {
  const result = buildCloudflareProject({ source, fileName });
  if (!result.ok) throw new Error(result.message);
  return result.files['src/entry.py'] as string;
}

/** Runs `code` with `vars` as globals and returns the global `result`. */
async function py(code: string, vars: Record<string, unknown> = {}): Promise<unknown> {
  const globals = python.pyodide.globals.get('dict')();
  try {
    for (const [k, v] of Object.entries(vars)) globals.set(k, v);
    await python.pyodide.runPythonAsync(code, { globals });
    return globals.get('result');
  } finally {
    globals.destroy();
  }
}

describe('exported src/entry.py in Python', () => {
  it('parses with ast.parse', async () => {
    for (const [source, name] of [
      [orderSource, 'order_workflow.py'],
      [approvalSource, 'approval_workflow.py'],
    ] as const) {
      const entry = entryOf(source, name);
      expect(
        await py('import ast\nresult = len(ast.parse(text, "src/entry.py").body)', { text: entry }),
      ).toBeGreaterThan(10);
    }
    await expect(py('import ast\nast.parse("class Broken(:\\n", "x.py")')).rejects.toThrow(/SyntaxError/);
  });

  it('names bindings and workflows exactly as the studio runtime does', async () => {
    const names = ['MyWorkflow', 'HTTPReportWorkflow', 'ABCWorkflow', 'My_Workflow', 'workflow2Go', 'V2', 'X'];
    const fromPython = (await py(
      'from workers._host import kebab_case, upper_snake\nresult = "\\n".join(f"{kebab_case(n)} {upper_snake(n)}" for n in names.split())',
      { names: names.join(' ') },
    )) as string;
    expect(names.map((n) => `${workflowNameOf(n)} ${bindingNameOf(n)}`).join('\n')).toBe(fromPython);
  });

  describe('Default.fetch', () => {
    const harness = `
import json, types
from js import JSON, Promise

module = types.ModuleType("exported_entry")
exec(compile(entry, "src/entry.py", "exec"), module.__dict__)

class FakeInstance:
    def __init__(self, instance_id):
        self.id = instance_id

    async def status(self):
        plain = {"status": "complete", "output": 42, "error": None}
        if status_kind == "dict":
            return plain
        if status_kind == "js":
            return JSON.parse(json.dumps(plain))
        return Promise.resolve(JSON.parse(json.dumps(plain)))

class FakeBinding:
    def __init__(self):
        self.created = []

    async def create(self, options):
        opts = options.to_py()
        if opts.get("id") == "taken":
            raise ValueError('(instance.already_exists) Workflow instance with id "taken" already exists')
        self.created.append(opts)
        return FakeInstance(opts.get("id", "generated-1"))

    async def get(self, instance_id):
        if instance_id != "known":
            raise ValueError("instance.not_found")
        return FakeInstance(instance_id)

class FakeEnv:
    ORDER_WORKFLOW = FakeBinding()

class FakeRequest:
    def __init__(self, method, url, body):
        self.method, self.url, self.body = method, url, body

    async def text(self):
        return self.body

response = await module.Default(None, FakeEnv()).fetch(FakeRequest(method, url, body))
result = json.dumps({
    "status": response.status,
    "type": response.headers.get("content-type"),
    "body": json.loads(response.body),
    "created": FakeEnv.ORDER_WORKFLOW.created,
})
`;
    const entry = () => entryOf(orderSource, 'order_workflow.py');
    const call = async (method: string, url: string, body = '', statusKind = 'dict') =>
      JSON.parse((await py(harness, { entry: entry(), method, url, body, status_kind: statusKind })) as string);

    it('starts an instance on POST with the JSON body as params and the id from ?id=', async () => {
      expect(await call('POST', 'https://w.example/?id=order-1', '{"order": "A-17"}')).toEqual({
        status: 201,
        type: 'application/json',
        body: { id: 'order-1', workflow: 'order-workflow' },
        created: [{ params: { order: 'A-17' }, id: 'order-1' }],
      });
      expect(await call('POST', 'https://w.example/', '')).toMatchObject({
        status: 201,
        body: { id: 'generated-1', workflow: 'order-workflow' },
        created: [{ params: {} }],
      });
    });

    it('reports status on GET ?id= from a dict, a JS object or a JS promise', async () => {
      for (const kind of ['dict', 'js', 'promise']) {
        expect((await call('GET', 'https://w.example/?id=known', '', kind)).body).toEqual({
          id: 'known',
          workflow: 'order-workflow',
          status: 'complete',
          output: 42,
          error: null,
        });
      }
    });

    it('answers bad requests with a JSON error', async () => {
      expect(await call('POST', 'https://w.example/', '{bad')).toMatchObject({
        status: 400,
        body: {
          error:
            'the request body must be JSON params: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)',
        },
      });
      expect(await call('POST', 'https://w.example/?id=taken', '{}')).toMatchObject({
        status: 400,
        body: { error: '(instance.already_exists) Workflow instance with id "taken" already exists' },
      });
      expect(await call('GET', 'https://w.example/?id=nope')).toMatchObject({
        status: 404,
        body: { error: 'instance.not_found' },
      });
      expect(await call('GET', 'https://w.example/?workflow=other')).toMatchObject({
        status: 404,
        body: { error: "unknown workflow 'other'; choose one of: order-workflow" },
      });
      expect(await call('PUT', 'https://w.example/')).toMatchObject({
        status: 405,
        body: { error: 'use POST to start an instance or GET ?id=ID for its status' },
      });
      expect(await call('GET', 'https://w.example/')).toMatchObject({
        status: 200,
        body: { workflows: ['order-workflow'] },
      });
    });
  });
});
