"""The ``workers`` package of Workflow Studio: Cloudflare's Python Workflows SDK, on the studio's engine.

    from workers import WorkflowEntrypoint, WorkerEntrypoint, Response, fetch
    from workers.workflows import NonRetryableError
"""

from ._entrypoints import WorkerEntrypoint, WorkflowEntrypoint
from ._fetch import fetch
from ._response import Response

__all__ = ["Response", "WorkerEntrypoint", "WorkflowEntrypoint", "env", "fetch"]


class _CurrentEnv:
    """``workers.env``: the env of the workflow run, step or test that reads it (as ``self.env`` there). On
    Cloudflare it is the Worker's env; here each file has its own, so it is looked up at each use, which lets
    ``from workers import env`` run at import time (a conftest does)."""

    def _env(self):
        from ._context import current_env

        found = current_env.get()
        if found is None:
            raise RuntimeError(
                "workers.env is only available while a workflow runs or a workflow-studio test runs; "
                "use self.env in a WorkflowEntrypoint"
            )
        return found

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._env(), name)

    def __dir__(self):
        return dir(self._env())

    def __repr__(self):
        return "<workers.env (the current run's or test's self.env)>"


env = _CurrentEnv()
