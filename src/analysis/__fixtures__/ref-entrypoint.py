from workers import WorkflowEntrypoint
class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        # steps here
