from workers import WorkflowEntrypoint

RATE = DEFAULT_RATE * 2


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        return RATE
