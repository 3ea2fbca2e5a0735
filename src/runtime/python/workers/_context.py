"""Context variables that tie running Python code to the workflow run (and step attempt) it belongs to.

Every run is an asyncio Task and every step attempt is a Task, each created with its own
``contextvars.Context``; tasks the user creates inside them inherit it. So ``print()``, ``time.time()``
and ``asyncio.sleep`` can tell which run and which attempt they are called from, even when many instances
and concurrent steps share one interpreter.
"""

from contextvars import ContextVar

#: The ``_Run`` the current code belongs to (``None`` outside any workflow run).
current_run: ContextVar = ContextVar("workers_current_run", default=None)

#: Where ``print()`` output goes: a ``_LogSink`` of the current attempt or run (``None`` → real stdout).
current_sink: ContextVar = ContextVar("workers_current_sink", default=None)

#: The current step attempt's recorder of ``self.env`` binding calls (a JS function; ``None`` outside attempts).
current_recorder: ContextVar = ContextVar("workers_current_recorder", default=None)
#: The calling code's network context for the gate (a JS object of the host: the workflow file's HTTP mocks and
#: the request list of the attempt or run), read by ``_host.calling_net`` when ``js.fetch`` is called.
current_net: ContextVar = ContextVar("workers_current_net", default=None)

#: ``self.env`` of the current run (or of the current ``workflow-studio test`` test's file): what ``workers.env``
#: reads (``None`` outside both).
current_env: ContextVar = ContextVar("workers_current_env", default=None)

#: Names of the steps whose dependencies are being resolved on this path (cycle detection).
resolving: ContextVar = ContextVar("workers_resolving", default=())

#: Test hooks, set by ``workers.testing`` while ``workflow-studio test`` runs a test (``None`` otherwise).
#: ``attempt_override(instance_id, step_name, attempt)``: a zero-argument callable that runs instead of the step's
#: function for that attempt (a mocked result or error), or ``None`` to run the function.
attempt_override = None
#: ``sleeps_disabled(instance_id)``: whether that instance's ``step.sleep``/``sleep_until`` end at once.
sleeps_disabled = None
