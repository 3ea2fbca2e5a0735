"""The ``workers`` package of Workflow Studio: Cloudflare's Python Workflows SDK, on the studio's engine.

    from workers import WorkflowEntrypoint, WorkerEntrypoint, Response, fetch
    from workers.workflows import NonRetryableError
"""

from ._entrypoints import WorkerEntrypoint, WorkflowEntrypoint
from ._fetch import fetch
from ._response import Response

__all__ = ["Response", "WorkerEntrypoint", "WorkflowEntrypoint", "fetch"]


def __getattr__(name):
    # ``from workers import env``: the running test's env (workers/_test_env.py), imported on first use.
    if name == "env":
        from ._test_env import env

        return env
    raise AttributeError(f"module 'workers' has no attribute {name!r}")
