/** A workflow with `steps` chained steps, a third of them behind an `if`, and a sleep and a wait every 50. */
export function bigWorkflow(steps: number): string {
  let s =
    'from workers import WorkflowEntrypoint\n\n\nclass Big(WorkflowEntrypoint):\n    async def run(self, event, step):\n';
  for (let i = 0; i < steps; i++) {
    const config = `config={"retries": {"limit": 3, "delay": "${i} seconds", "backoff": "linear"}, "timeout": "5 minutes"}`;
    s += `        @step.do("s${i}", ${config})\n`;
    s += `        async def s${i}(${i > 0 ? `s${i - 1}, ` : ''}ctx):\n`;
    s += `            x = ${i} * 2\n            return {"i": x, "attempt": ctx["attempt"]}\n\n`;
    s +=
      i % 3 === 0 ? `        if event["payload"].get("flag"):\n            await s${i}()\n` : `        await s${i}()\n`;
    if (i % 50 === 0) {
      s += `        await step.sleep("nap-${i}", "1 hour")\n`;
      s += `        await step.wait_for_event("evt-${i}", "go", timeout="2 hours")\n`;
    }
  }
  return s;
}

