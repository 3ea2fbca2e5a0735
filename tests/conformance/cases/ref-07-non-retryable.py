# Reference page, NonRetryableError: one attempt, and run() errors when it is not handled.
from workers import WorkflowEntrypoint
from workers.workflows import NonRetryableError


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def charge_card():
            message = "card declined"
            raise NonRetryableError(message)

        await charge_card()
