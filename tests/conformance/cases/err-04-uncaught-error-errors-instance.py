# An exception that escapes run() errors the instance with {name, message} of the original error.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": 1, "delay": "5 seconds"}})
        async def lookup():
            return {}["missing"]

        await lookup()
