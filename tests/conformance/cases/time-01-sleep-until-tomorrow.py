# Time follows the engine clock: a one-day sleep_until computed from now() behaves on replay as on Cloudflare
# (the replay computes a later "now", but the journaled sleep is finished and returns at once).
import datetime
import time

from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def started_at():
            return time.time()

        start = await started_at()
        await step.sleep_until("tomorrow", datetime.datetime.now() + datetime.timedelta(days=1))

        @step.do()
        async def elapsed():
            return round(time.time() - start)

        return await elapsed()
