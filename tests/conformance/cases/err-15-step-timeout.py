# A step attempt longer than its timeout fails with WorkflowTimeoutError and is retried like any failure.
import asyncio

from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": 1, "delay": "1 second"}, "timeout": "30 seconds"})
        async def slow():
            await asyncio.sleep(3600)
            return "too late"

        await slow()
