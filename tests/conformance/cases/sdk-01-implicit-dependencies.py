# Parameters named after earlier steps receive those steps' results.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def fetch_user():
            return {"name": "Ada"}

        @step.do()
        async def fetch_orders():
            return [3, 4]

        @step.do()
        async def summary(fetch_user, fetch_orders):
            return f"{fetch_user['name']} has {len(fetch_orders)} orders"

        return await summary()
