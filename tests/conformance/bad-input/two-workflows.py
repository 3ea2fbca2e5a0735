from workers import WorkflowEntrypoint


class FirstWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        return 1


class SecondWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        return 2
