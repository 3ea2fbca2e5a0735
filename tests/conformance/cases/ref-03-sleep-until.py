# Reference page, step.sleep_until with a datetime computed from now().
import datetime

from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        await step.sleep_until("my-sleep-step", datetime.datetime.now() + datetime.timedelta(seconds=10))
