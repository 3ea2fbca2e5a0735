# Retry delays follow the backoff on the virtual clock: exponential 10 s → waits 10, 20, 40 s.
import time

from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        created = event["timestamp"].timestamp()

        @step.do(config={"retries": {"limit": 3, "delay": "10 seconds", "backoff": "exponential"}})
        async def stamp(ctx):
            if ctx["attempt"] < 4:
                raise RuntimeError("again")
            return round(time.time() - created)

        return await stamp()
