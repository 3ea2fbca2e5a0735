# Both static decoration styles: @step.do() (function name) and @step.do("name"), plus name= as a keyword.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def by_function_name():
            return 1

        @step.do("Explicit name")
        async def explicit():
            return 2

        @step.do(name="keyword name")
        async def keyword():
            return 3

        return [await by_function_name(), await explicit(), await keyword()]
