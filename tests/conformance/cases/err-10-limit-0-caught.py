# limit 0 and the error caught in run(): the workflow completes after exactly one attempt.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": 0, "delay": 0}})
        async def once():
            raise RuntimeError("boom")

        try:
            await once()
        except Exception:
            return "recovered"
