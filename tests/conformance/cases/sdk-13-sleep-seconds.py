# Numbers are seconds in the Python SDK: sleep(90) sleeps 90 s, sleep_until(epoch seconds) as well.
import time

from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        start = event["timestamp"].timestamp()

        @step.do()
        async def elapsed():
            return round(time.time() - start)

        await step.sleep("ninety seconds", 90)
        after_sleep = await elapsed()
        await step.sleep_until("one hour after the start", start + 3600)
        after_sleep_until = await elapsed()
        return [after_sleep, after_sleep_until]
