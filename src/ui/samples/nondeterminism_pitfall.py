import time

from workers import WorkflowEntrypoint


class PitfallWorkflow(WorkflowEntrypoint):
    """Two classic replay bugs. The editor warns about both (yellow squiggles)."""

    async def run(self, event, step):
        seen = []

        # Pitfall 1: state changed inside a step but kept outside it.
        # After the sleep, run() replays: load() comes from the journal
        # and does not run, so `seen` stays empty in the new run.
        @step.do()
        async def load():
            seen.append("order-1")
            return ["order-1"]

        await load()

        # Pitfall 2: a step name that changes between runs. On replay the
        # name differs, the journal has no result for it, and it runs again.
        @step.do(f"stamp-{int(time.time() * 1000)}")
        async def stamp():
            return "stamped"

        await stamp()

        await step.sleep("pause", "3 seconds")

        @step.do()
        async def report(load):
            # load (the journaled result) has 1 item; seen has 0 after replay.
            return {"from_step_result": len(load), "from_outside_state": len(seen)}

        return await report()
