import workers
from workers import WorkflowEntrypoint as Entry


class Base(Entry):
    def helper(self):
        return 1


class Child(Base):
    async def run(self, event, step):
        await step.sleep("child-nap", "1 minute")


class Other(workers.WorkflowEntrypoint):
    async def run(self, evt, s):
        @s.do("only")
        async def only():
            return 1

        await only()


class NotAWorkflow:
    async def run(self, event, step):
        await step.sleep("ignored", "1 second")
