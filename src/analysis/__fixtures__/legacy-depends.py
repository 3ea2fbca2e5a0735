from workers import WorkflowEntrypoint


class Legacy(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("step_1")
        async def step_1():
            return "foo"

        @step.do("step_2")
        async def step_2():
            return "bar"

        @step.do("step_3", depends=[step_1, step_2], concurrent=True)
        async def step_3(first, second, ctx):
            return first + second

        return await step_3()
