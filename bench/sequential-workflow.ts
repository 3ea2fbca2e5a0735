/**
 * The Python workflow both the Node and the browser steps/s benchmarks run, so the two figures measure the same
 * body: `event["payload"]["n"]` sequential `@step.do` calls, each returning a small dict.
 */
export const SEQUENTIAL_WORKFLOW_PY = `
from workers import WorkflowEntrypoint


class Bench(WorkflowEntrypoint):
    async def run(self, event, step):
        last = None
        for i in range(event["payload"]["n"]):
            @step.do(f"step-{i}")
            async def work():
                return {"i": i}

            last = await work()
        return last
`;
