"""The ``workers`` package of Workflow Studio: Cloudflare's Python Workflows SDK, on the studio's engine.

    from workers import WorkflowEntrypoint, WorkerEntrypoint, Response, fetch
    from workers.workflows import NonRetryableError
"""

from ._entrypoints import WorkerEntrypoint, WorkflowEntrypoint
from ._fetch import fetch
from ._response import Response

__all__ = ["Response", "WorkerEntrypoint", "WorkflowEntrypoint", "fetch"]
