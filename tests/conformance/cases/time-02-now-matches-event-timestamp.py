# time.time(), datetime.now() and event["timestamp"] agree on the first run (virtual clock, no wall time).
import datetime
import time

from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        created = event["timestamp"].timestamp()

        @step.do()
        async def clocks():
            return [round(time.time() - created, 3), round(datetime.datetime.now().timestamp() - created, 3)]

        return await clocks()
