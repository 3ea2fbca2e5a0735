# Calling the same decorated step twice runs it twice (counts 1 and 2); another name gets count 1.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("repeated step")
        async def repeated(ctx):
            return ctx["step"]["count"]

        @step.do("other step")
        async def other(ctx):
            return ctx["step"]["count"]

        return [await repeated(), await repeated(), await other()]
