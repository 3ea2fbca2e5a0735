# Reference page, "Create an instance via binding": the Worker's fetch handler is not run by the CLI, but
# the same binding call works from a workflow step (--class Launcher).
from workers import Response, WorkerEntrypoint, WorkflowEntrypoint


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        instance = await self.env.MY_WORKFLOW.create()
        return Response.json({"status": "success"})


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        return {"child": True, "payload": event["payload"]}


class Launcher(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def launch():
            instance = await self.env.MY_WORKFLOW.create({"id": "child-1", "params": {"n": 1}})
            return instance.id

        child_id = await launch()
        await step.sleep("let the child run", "1 minute")

        @step.do()
        async def check():
            child = await self.env.MY_WORKFLOW.get(child_id)
            status = await child.status()
            return [status["status"], status.output]

        return await check()
