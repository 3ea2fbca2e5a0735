# Rules of workflows: state changed inside a step but kept outside it is lost on replay. The append happens
# in run 1; after the sleep, run 2 replays the step from the journal and the list stays empty.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        images = []

        @step.do()
        async def download():
            images.append("cat.png")
            return "cat.png"

        await download()
        await step.sleep("wait", "1 hour")
        return images
