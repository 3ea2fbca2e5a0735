# An exception raised by run() itself (outside any step) errors the instance.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def load():
            return [1, 2, 3]

        items = await load()
        return items[10]
