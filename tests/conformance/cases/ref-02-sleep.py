# Reference page, step.sleep with a duration string.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        await step.sleep("my-sleep-step", "10 seconds")
