"""Testing workflows with ``workflow-studio test``: create an instance of a workflow class, wait for a status or
a step's result, read its journal. Modelled on Cloudflare's ``introspectWorkflowInstance`` (vitest-pool-workers),
in Python naming::

    from workers.testing import create

    async def test_order_completes():
        instance = await create(OrderWorkflow, params={"order": 42})
        assert await instance.wait_for_step_result("charge") == {"charged": 42}
        await instance.wait_for_status("complete")
        assert (await instance.journal())["steps"][0]["attempts"] == 1

Each test runs on a fresh engine on a virtual clock: sleeps, retry delays and timeouts pass at once, while the
``wait_for_*`` calls look again at each point where nothing else happens.
"""

import json

from . import _host, _test_host
from ._bindings import WorkflowBinding, WorkflowInstance

_FINAL = ("complete", "errored", "terminated")


class TestingError(AssertionError):
    """What ``wait_for_status`` and ``wait_for_step_result`` raise when the awaited thing can no longer happen."""


def _binding_of(workflow_class):
    for mod in _host._modules.values():
        if mod.classes.get(getattr(workflow_class, "__name__", None)) is workflow_class:
            return WorkflowBinding(mod.env_host, _host.upper_snake(workflow_class.__name__))
    raise TypeError(
        f"{workflow_class!r} is not a WorkflowEntrypoint subclass of a loaded workflow module; "
        "define it in the test file (or import it there) and pass the class itself"
    )


def _host_or_fail(what):
    if _test_host.current is None:
        raise RuntimeError(f"{what} works only inside a test run by `workflow-studio test`")
    return _test_host.current


async def create(workflow_class, params=None, id=None):  # noqa: A002 - Cloudflare's option name
    """Create an instance of ``workflow_class`` (``params`` and ``id`` as in ``env.BINDING.create``)."""
    _host_or_fail("create()")
    options = {}
    if params is not None:
        options["params"] = params
    if id is not None:
        options["id"] = id
    return TestInstance(await _binding_of(workflow_class).create(options))


def _ended(view):
    error = view["error"]
    return view["status"] + (f" ({error['name']}: {error['message']})" if error else "")


class TestInstance:
    """A workflow instance under test: the binding's instance methods plus waiting and the journal."""

    __test__ = False  # not a test class, though its name starts with Test

    def __init__(self, instance: WorkflowInstance):
        self._instance = instance
        self.id = instance.id

    def __repr__(self):
        return f"<TestInstance id={self.id!r}>"

    def __getattr__(self, name):
        # status, pause, resume, terminate, restart, send_event: the binding's instance.
        return getattr(self._instance, name)

    async def journal(self):
        """``{"status", "output", "error", "runs", "steps": [{"name", "count", "type", "attempts",
        "outcome", "result", "error"}]}`` as journaled so far (``attempts`` per ``step.do`` call)."""
        return json.loads(await _host_or_fail("journal()").journal(self.id))

    async def wait_for_status(self, status):
        """Returns when the instance reaches ``status``; raises when it ends in another final status or when
        nothing left can bring it there."""
        if status not in _FINAL + ("running", "waiting", "paused", "queued"):
            raise ValueError(f"unknown status {status!r}; use one of complete, errored, terminated, waiting, paused")
        while True:
            view = await self.journal()
            if view["status"] == status:
                return
            if view["status"] in _FINAL:
                raise TestingError(f"instance {self.id} ended {_ended(view)}, not {status}")
            await _test_host.next_idle(f"wait_for_status({status!r}) on {self.id} (now {view['status']})")

    async def wait_for_step_result(self, name, count=1):
        """The result of the ``count``-th ``step.do(name)`` call once it succeeded; raises when it failed or
        when the instance ended without it."""
        while True:
            view = await self.journal()
            step = next(
                (s for s in view["steps"] if s["type"] == "do" and s["name"] == name and s["count"] == count), None
            )
            if step is not None and step["outcome"] == "succeeded":
                return step["result"]
            if step is not None and step["outcome"] == "failed":
                err = step["error"] or {}
                raise TestingError(f"step {name!r} failed: {err.get('name')}: {err.get('message')}")
            if view["status"] in _FINAL:
                raise TestingError(f"instance {self.id} ended {_ended(view)} without a result of step {name!r}")
            await _test_host.next_idle(f"wait_for_step_result({name!r}) on {self.id} (now {view['status']})")
