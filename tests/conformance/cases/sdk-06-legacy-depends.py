# Legacy @step.do(name, depends=[...]): dependency results map positionally onto the non-ctx parameters.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("first")
        async def first():
            return 1

        @step.do("second")
        async def second():
            return 2

        @step.do("combine", depends=[second, first], concurrent=True)
        async def combine(x, ctx, y):
            return [x, y, ctx["step"]["name"]]

        return await combine()
