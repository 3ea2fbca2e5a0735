from workers import WorkflowEntrypoint
class Typing(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("one")
        async def one():
            return 1
        x = await one(
        @step.do("two"
        async def two(one):
            return one +
        await step.sleep("nap", "1 sec
        @step.do()
        async def three(two):
            return 3
        await three()
        for i in range(3):
            await step.wait_for_event("w", "approve", timeout="1 hour")
