# A step result Cloudflare cannot send (an arbitrary object) errors the instance, naming the step, without retrying.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def tags():
            return {"tags": object()}

        try:
            await tags()
        except Exception:
            return "caught"
