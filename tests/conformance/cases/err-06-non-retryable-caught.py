# NonRetryableError: one attempt, reaches run() as NonRetryableError with str() = its message; caught, the
# workflow goes on, and after a sleep the replay serves the failure from the journal (still one attempt).
from workers import WorkflowEntrypoint
from workers.workflows import NonRetryableError


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def validate():
            raise NonRetryableError("order 42 is invalid")

        try:
            await validate()
        except NonRetryableError as e:
            caught = ["NonRetryableError", str(e)]
        await step.sleep("pause", "1 hour")
        return caught
