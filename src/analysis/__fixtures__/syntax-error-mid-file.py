from workers import WorkflowEntrypoint


class Broken(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def first():
            return 1

        await first()
        value = = 3 +* 2
        await step.sleep("pause", "2 hours")

        @step.do()
        async def second(first):
            return first + 1

        await second()
