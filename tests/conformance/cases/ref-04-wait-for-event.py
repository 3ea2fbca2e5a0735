# Reference page, step.wait_for_event; delivered by --event my-event-type:{...}.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        await step.wait_for_event("my-wait-for-event-step", "my-event-type")
