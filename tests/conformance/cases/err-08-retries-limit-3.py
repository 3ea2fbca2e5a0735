# A generic error with limit 3 gives 4 attempts; the original error is thrown into run() and errors it.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": 3, "delay": "1 second", "backoff": "constant"}})
        async def flaky(ctx):
            raise RuntimeError(f"attempt {ctx['attempt']} failed")

        await flaky()
