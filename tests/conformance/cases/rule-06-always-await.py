# Rules of workflows: always await step calls. A step called without await never runs.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def forgotten():
            return "never journaled"

        @step.do()
        async def awaited():
            return "journaled"

        forgotten()
        return await awaited()
