# Reference page, step.wait_for_event with no --event: the CLI stops at "waiting" (exit 1).
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        await step.wait_for_event("my-wait-for-event-step", "my-event-type")
