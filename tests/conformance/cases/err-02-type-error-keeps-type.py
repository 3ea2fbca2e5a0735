# A TypeError raised in a step reaches run() as a TypeError whose str() is the traceback's last line (workers-py _from_js_error).
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": 0, "delay": 0}})
        async def add():
            return 1 + "a"

        try:
            await add()
        except TypeError as e:
            return ["TypeError", str(e)]
