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

import asyncio
import json
import sys
import uuid

from . import _context, _host, _test_host
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
    return await introspect(workflow_class, id=id).create(params=params)


_mocked = {}  # instance id -> Introspection, for the test running now (cleared after each test)


def _override(instance_id, step_name, attempt):
    mocks = _mocked.get(instance_id)
    return None if mocks is None else mocks._attempt(step_name, attempt)


def _sleeps_disabled(instance_id):
    mocks = _mocked.get(instance_id)
    return mocks is not None and mocks._no_sleeps


_HANG = object()  # force_step_timeout's mock: the attempt never ends by itself


async def _hang():
    await asyncio.get_event_loop().create_future()


def reset():
    """Forget the mocks of the last test (the test host calls it after each test)."""
    _mocked.clear()
    _context.attempt_override = None
    _context.sleeps_disabled = None


def introspect(workflow_class, id=None):  # noqa: A002 - Cloudflare's option name
    """Mocks for the instance of ``workflow_class`` a test is about to create (Cloudflare's
    ``introspectWorkflowInstance`` and its ``modify`` calls), then ``await .create(params=...)``::

        flow = introspect(OrderWorkflow)
        flow.mock_step_result("charge", {"charged": 1})
        flow.mock_step_error("fetch", ConnectionError("down"), times=2)  # the first 2 attempts fail
        flow.mock_event("approved", {"by": "ada"})
        flow.force_step_timeout("notify", times=1)  # the first attempt times out
        flow.disable_sleeps()
        instance = await flow.create(params={"order": 1})
    """
    _host_or_fail("introspect()")
    return Introspection(workflow_class, id)


class Introspection:
    """Mocks for one instance, applied from its first run (see ``introspect``)."""

    def __init__(self, workflow_class, id):  # noqa: A002
        self._binding = _binding_of(workflow_class)
        self._module_file = getattr(sys.modules.get(workflow_class.__module__), "__file__", None)
        self.id = id if id is not None else str(uuid.uuid4())
        self._steps = {}  # step name -> (result, error, times)
        self._events = []
        self._no_sleeps = False
        self._created = False

    def _modifiable(self):
        if self._created:
            raise RuntimeError("mocks apply from the instance's first run: set them before create()")

    def mock_step_result(self, name, result):
        """Every ``step.do(name)`` call returns ``result`` without running its function."""
        self._modifiable()
        self._steps[name] = (result, None, None)
        return self

    def mock_step_error(self, name, error, times=None):
        """``step.do(name)`` raises ``error`` (an exception) in its first ``times`` attempts (every attempt when
        ``None``); later attempts run the step's function. Retries and their delays follow the step's config."""
        self._modifiable()
        if not isinstance(error, BaseException):
            raise TypeError(f"mock_step_error takes an exception, e.g. ValueError('down'), not {error!r}")
        if times is not None and (not isinstance(times, int) or times < 1):
            raise ValueError(f"times must be a positive int or None, not {times!r}")
        self._steps[name] = (None, error, times)
        return self

    def force_step_timeout(self, name, times=None):
        """``step.do(name)`` hangs in its first ``times`` attempts (every attempt when ``None``), so the engine
        times it out after the step's ``timeout`` (virtual time) and retries as configured."""
        self._modifiable()
        if times is not None and (not isinstance(times, int) or times < 1):
            raise ValueError(f"times must be a positive int or None, not {times!r}")
        self._steps[name] = (None, _HANG, times)
        return self

    def mock_event(self, type, payload=None):  # noqa: A002 - Cloudflare's field name
        """Sends this event as soon as the instance is created (the engine keeps it until a wait takes it)."""
        self._modifiable()
        self._events.append({"type": type, "payload": payload})
        return self

    def disable_sleeps(self):
        """``step.sleep`` and ``step.sleep_until`` end at once (journaled with no duration left)."""
        self._modifiable()
        self._no_sleeps = True
        return self

    def _attempt(self, name, attempt):
        mock = self._steps.get(name)
        if mock is None:
            return None
        result, error, times = mock
        if error is None:
            return lambda: result
        if times is not None and attempt > times:
            return None

        if error is _HANG:
            return _hang

        def fail():
            raise error

        return fail

    async def create(self, params=None):
        """Creates the instance with these mocks; returns a ``TestInstance``."""
        self._modifiable()
        self._created = True
        _mocked[self.id] = self
        _test_host.created[self.id] = self._module_file
        _context.attempt_override = _override
        _context.sleeps_disabled = _sleeps_disabled
        options = {"id": self.id}
        if params is not None:
            options["params"] = params
        instance = TestInstance(await self._binding.create(options))
        for event in self._events:
            await instance.send_event(event)
        return instance


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
