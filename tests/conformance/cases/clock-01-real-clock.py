# --clock real: sleeps and retry delays take wall time; time.time() is the real time.
import time

from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": 1, "delay": "1 second"}})
        async def flaky(ctx):
            if ctx["attempt"] == 1:
                raise RuntimeError("first attempt fails")
            return ctx["attempt"]

        @step.do()
        async def started():
            return time.time()

        start = await started()
        attempt = await flaky()
        await step.sleep("short", "1 second")

        @step.do()
        async def waited():
            return time.time() - start >= 1

        return [attempt, await waited()]
