# A step config with an unknown key is rejected before the step runs (WorkflowFatalError, no retries).
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": 1, "delay": "1 second"}, "retry": True})
        async def misconfigured():
            return "never"

        return await misconfigured()
