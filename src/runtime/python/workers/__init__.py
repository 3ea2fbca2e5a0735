"""The ``workers`` package of Workflow Studio: Cloudflare's Python Workflows SDK, on the studio's engine.

    from workers import WorkflowEntrypoint, WorkerEntrypoint, Response
    from workers.workflows import NonRetryableError
"""

from ._entrypoints import WorkerEntrypoint, WorkflowEntrypoint
from ._response import Response

__all__ = ["Response", "WorkerEntrypoint", "WorkflowEntrypoint"]
