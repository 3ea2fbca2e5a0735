"""Base classes users subclass: ``WorkflowEntrypoint`` and ``WorkerEntrypoint``."""


class ExecutionContext:
    """``self.ctx`` of an entrypoint; ``wait_until`` schedules work without waiting for it."""

    def wait_until(self, awaitable):
        import asyncio

        return asyncio.ensure_future(awaitable)

    waitUntil = wait_until  # noqa: N815 - the JS name, as on Cloudflare


class WorkerEntrypoint:
    """Base class of a Worker entrypoint (``async def fetch(self, request)``)."""

    def __init__(self, ctx=None, env=None):
        self.ctx = ctx
        self.env = env


class WorkflowEntrypoint:
    """Base class of a workflow: subclass it and implement ``async def run(self, event, step)``."""

    def __init__(self, ctx=None, env=None):
        self.ctx = ctx
        self.env = env

    async def run(self, event, step):
        raise NotImplementedError(f"{type(self).__name__} must define: async def run(self, event, step)")
