import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeWorkflow } from '../analysis';
import { runGraphCommand } from './graph-command';
import { inProcess, tempFile } from './test-io';

const FIXTURES = 'src/export/__fixtures__';
const ORDER = `${FIXTURES}/order_workflow.py`;
const graph = inProcess(runGraphCommand);

describe('workflow-studio graph', () => {
  it('prints the step graph the studio draws', async () => {
    expect(await graph(ORDER)).toEqual({
      exit: 0,
      stderr: '',
      stdout: `OrderWorkflow  workflow "order-workflow", binding self.env.ORDER_WORKFLOW
  nodes:
    do             "fetch_order"  line 6
    do             "charge_card"  line 10
    sleep          "cool off"  line 17
    do             "send_receipt"  line 19
  edges:
    "fetch_order" -> "charge_card"  (dependency)
    "charge_card" -> "send_receipt"  (dependency)
    "charge_card" -> "cool off"  (order)
    "cool off" -> "send_receipt"  (order)
step.do form: implicit dependencies (parameters name the steps they need), the default for Python Workers from 2026-02-25.
`,
    });
  });

  it('prints the analysis as JSON with --json, exactly what the UI gets', async () => {
    const result = await graph(ORDER, '--json');
    expect(result.exit).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(analyzeWorkflow(readFileSync(ORDER, 'utf8')))));
  });

  it('writes float("inf") in a literal as "Infinity", not null', async () => {
    const file = tempFile(
      'forever.py',
      'from workers import WorkflowEntrypoint\n\n\nclass Forever(WorkflowEntrypoint):\n    async def run(self, event, step):\n        @step.do(config={"retries": {"limit": float("inf"), "delay": "1 second"}})\n        async def poll():\n            return 1\n\n        await poll()\n',
    );
    const plan = JSON.parse((await graph(file, '--json')).stdout);
    expect(plan.workflows[0].nodes[0].config.value.retries.limit).toBe('Infinity');
  });

  it('exits 1 and lists the diagnostics when one is an error', async () => {
    const file = tempFile(
      'flow.py',
      'from workers import WorkflowEntrypoint\n\n\nclass Flow(WorkflowEntrypoint):\n    async def run(self, event, step):\n        @step.do()\n        async def total(price):\n            return price\n\n        return await total()\n',
    );
    expect(await graph(file)).toEqual({
      exit: 1,
      stderr: '',
      stdout: `Flow  workflow "flow", binding self.env.FLOW
  nodes:
    do             "total"  line 6
step.do form: implicit dependencies (parameters name the steps they need), the default for Python Workers from 2026-02-25.
diagnostics:
  ${file}:7:25: error WS003 Received unexpected parameter price: a parameter of step "total" must be ctx or the name of a step declared before it runs.
`,
    });
    const json = await graph(file, '--json');
    expect(json.exit).toBe(1);
    expect(JSON.parse(json.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(['WS003']);
  });

  it('prints its usage with --help', async () => {
    const result = await graph('-h');
    expect(result.exit).toBe(0);
    expect(result.stdout).toMatch(/^Usage: workflow-studio graph FILE.py \[--json\]/);
  });
});

describe('workflow-studio graph: bad input', () => {
  const bad = async (argv: string[], message: string) =>
    expect(await graph(...argv)).toEqual({ exit: 2, stdout: '', stderr: `error: ${message}\n` });

  it('says what is wrong with the command line or the file', async () => {
    await bad([], 'missing workflow file: workflow-studio graph FILE.py [--json]');
    await bad([ORDER, ORDER], `expected one workflow file, got 2: ${ORDER} ${ORDER}`);
    await bad([ORDER, '--dot'], 'unknown option --dot; options are --json');
    await bad([ORDER, '--json=yes'], '--json takes no value');
    await bad(
      [`${FIXTURES}/nope.py`],
      `cannot read ${FIXTURES}/nope.py: no such file; pass the path of a Python workflow file`,
    );
    await bad([FIXTURES], `cannot read ${FIXTURES}: it is a directory; pass the path of a Python workflow file`);
  });
});
