# Numbers are milliseconds, as on Cloudflare's runtime: sleep(90000) sleeps 90 s, sleep_until(epoch ms) too, and an epoch in seconds is in 1970.
import time

from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        start = event["timestamp"].timestamp()

        @step.do()
        async def elapsed():
            return round(time.time() - start, 3)

        await step.sleep("ninety seconds", 90000)
        after_sleep = await elapsed()
        await step.sleep("ninety milliseconds", 90)
        after_short = await elapsed()
        await step.sleep_until("one hour after the start", (start + 3600) * 1000)
        after_sleep_until = await elapsed()
        try:
            await step.sleep_until("epoch seconds", start + 7200)
        except Exception as e:
            too_early = str(e)
        return [after_sleep, after_short, after_sleep_until, too_early]
