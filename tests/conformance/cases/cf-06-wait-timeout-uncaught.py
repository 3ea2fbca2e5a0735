# A wait that times out throws WorkflowTimeoutError; uncaught, it errors the instance (--expire-waits).
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        await step.wait_for_event("approval", "approved", timeout="2 hours")
        return "approved"
