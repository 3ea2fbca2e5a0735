/**
 * A big, realistic workflow source for the graph benchmark: `steps` `@step.do` functions, most depending on the
 * previous one by parameter name, a `concurrent=True` fan-in every 25 steps, a sleep every 50 and an event
 * wait at the end. Pure and deterministic.
 */
export function generateWorkflowSource(steps: number): string {
  const lines = [
    'from workers import WorkflowEntrypoint',
    '',
    '',
    'class BigWorkflow(WorkflowEntrypoint):',
    '    async def run(self, event, step):',
  ];
  for (let i = 0; i < steps; i++) {
    const name = `step_${i}`;
    let params = i > 0 && i % 5 !== 0 ? `step_${i - 1}` : '';
    let decorator = '@step.do()';
    if (i >= 3 && i % 25 === 0) {
      params = `step_${i - 1}, step_${i - 2}, step_${i - 3}`;
      decorator = '@step.do(concurrent=True)';
    }
    if (i % 10 === 7) decorator = '@step.do(config={"retries": {"limit": 3, "delay": "2 seconds"}})';
    lines.push(
      `        ${decorator}`,
      `        async def ${name}(${params}):`,
      `            return {"n": ${i}}`,
      '',
      `        await ${name}()`,
    );
    if (i % 50 === 49) lines.push(`        await step.sleep("pause-${i}", "1 second")`);
  }
  lines.push('        await step.wait_for_event("done", "finish", timeout="1 hour")', '');
  return lines.join('\n');
}
