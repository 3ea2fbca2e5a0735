# A dependency shared by two steps runs once; the second step reuses its result.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def config():
            return {"rate": 2}

        @step.do()
        async def double(config):
            return 10 * config["rate"]

        @step.do()
        async def triple(config):
            return 100 * config["rate"]

        return [await double(), await triple()]
