# asyncio.sleep inside a step waits on the virtual clock: an hour passes without wall time.
import asyncio
import time

from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": 0, "delay": 0}, "timeout": "2 hours"})
        async def wait_an_hour():
            before = time.time()
            await asyncio.sleep(3600)
            return round(time.time() - before)

        return await wait_an_hour()
