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

#: Names of the steps whose dependencies are being resolved on this path (cycle detection).
resolving: ContextVar = ContextVar("workers_resolving", default=())
