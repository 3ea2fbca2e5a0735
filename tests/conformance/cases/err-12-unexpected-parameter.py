# A step parameter that is neither ctx nor an earlier declared step: TypeError: Received unexpected parameter.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def greet(user):
            return f"hi {user}"

        return await greet()
