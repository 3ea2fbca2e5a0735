# NonRetryableError with an empty message still fails after exactly one attempt.
from workers import WorkflowEntrypoint
from workers.workflows import NonRetryableError


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": 3, "delay": "1 second"}})
        async def fail_fast():
            raise NonRetryableError()

        try:
            await fail_fast()
        except NonRetryableError as e:
            return ["caught", str(e)]
