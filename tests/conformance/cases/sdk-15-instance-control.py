# Instance handles from a binding: terminate, then restart the terminated instance, which runs again.
from workers import WorkflowEntrypoint


class Sleeper(WorkflowEntrypoint):
    async def run(self, event, step):
        await step.sleep("long", "1 day")
        return "woke"


class Controller(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def terminate_child():
            child = await self.env.SLEEPER.create(id="sleeper-1")
            await child.terminate()
            return (await child.status())["status"]

        @step.do()
        async def restart_child():
            child = await self.env.SLEEPER.get("sleeper-1")
            await child.restart()

        @step.do()
        async def child_status():
            return (await (await self.env.SLEEPER.get("sleeper-1")).status())["status"]

        seen = [await terminate_child()]
        await restart_child()
        await step.sleep("a minute", "1 minute")
        seen.append(await child_status())
        await step.sleep("two days", "2 days")
        seen.append(await child_status())
        return seen
