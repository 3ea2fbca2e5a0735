# A step result that is not JSON-like errors the instance, naming the step, without retrying.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def tags():
            return {"tags": {"a", "b"}}

        try:
            await tags()
        except Exception:
            return "caught"
