# A subclass of NonRetryableError is non-retryable too, and reaches run() as NonRetryableError.
from workers import WorkflowEntrypoint
from workers.workflows import NonRetryableError


class InvalidOrder(NonRetryableError):
    pass


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def check():
            raise InvalidOrder("missing address")

        try:
            await check()
        except NonRetryableError as e:
            return [type(e).__name__, str(e)]
