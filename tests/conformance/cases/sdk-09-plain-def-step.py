# Plain (non-async) def functions are steps too.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        def add():
            return 1 + 2

        @step.do()
        def times_ten(add):
            return add * 10

        return await times_ten()
