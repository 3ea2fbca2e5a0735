# ctx["attempt"] runs 1, 2, 3 for a step that fails twice with limit 2; the third attempt succeeds.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": 2, "delay": "10 seconds", "backoff": "exponential"}})
        async def eventually(ctx):
            if ctx["attempt"] < 3:
                raise ConnectionError(f"attempt {ctx['attempt']}")
            return ctx["attempt"]

        return await eventually()
