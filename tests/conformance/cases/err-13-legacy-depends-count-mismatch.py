# Legacy depends= with a different number of items than non-ctx parameters is a TypeError that says so.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("a")
        async def a():
            return 1

        @step.do("b", depends=[a])
        async def b(x, y, ctx):
            return x

        return await b()
