# A ValueError raised in a step reaches run() as a ValueError whose str() is the traceback's last line (workers-py _from_js_error).
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": 0, "delay": 0}})
        async def parse():
            raise ValueError("not a number: 'x'")

        try:
            await parse()
        except ValueError as e:
            return ["ValueError", str(e)]
