# Rules of workflows, the fix: build state from step results, which replay returns every time.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        images = []

        @step.do()
        async def download():
            return "cat.png"

        images.append(await download())
        await step.sleep("wait", "1 hour")
        return images
