# self.env.<UPPER_SNAKE> bindings: create (dict or JS object), create_batch, get, status, send_event.
from pyodide.ffi import to_js
from js import Object

from workers import WorkflowEntrypoint


class Greeter(WorkflowEntrypoint):
    async def run(self, event, step):
        evt = await step.wait_for_event("name", "name", timeout="1 hour")
        return f"hello {evt.payload['name']} ({event['payload']['n']})"


class Coordinator(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def start_children():
            one = await self.env.GREETER.create({"id": "greeter-1", "params": {"n": 1}})
            two = await self.env.GREETER.create(to_js({"id": "greeter-2", "params": {"n": 2}}, dict_converter=Object.fromEntries))
            batch = await self.env.GREETER.create_batch([{"id": "greeter-3", "params": {"n": 3}}])
            return [one.id, two.id] + [b.id for b in batch]

        ids = await start_children()

        @step.do()
        async def greet():
            for i, child_id in enumerate(ids):
                child = await self.env.GREETER.get(child_id)
                await child.send_event({"type": "name", "payload": {"name": f"child{i}"}})
            return len(ids)

        await greet()
        await step.sleep("let them finish", "1 minute")

        @step.do()
        async def collect():
            out = []
            for child_id in ids:
                status = await (await self.env.GREETER.get(child_id)).status()
                out.append([status.status, status["output"]])
            return out

        return await collect()
