"""Python's ``js`` module in the studio.

Pyodide makes ``js`` from the object the host passed as ``jsglobals``: in the studio and the CLI that is the
workflow scope (``src/runtime/workflow-globals.ts``), which hands out only what workflows need and refuses the
host's other names with ``workflow code cannot use js.<name> in the studio: ...``. ``install()`` puts a module
in front of it so a refusal is a Python error of its own, ``JsRefusedError``:

- an ``ImportError``, so ``from js import indexedDB`` fails where imports fail, and Pyodide's own optional
  imports (``pyodide.http`` tries ``from js import XMLHttpRequest``) skip what they may not have;
- a ``NonRetryableError``, so a step that hits one fails at once: asking again is refused again.

The module is shared by every workflow in the interpreter, so it is read-only: ``js.fetch = ...`` is refused
(the scope's own rule), so one workflow cannot swap what another one calls.
"""

import sys
import types

from pyodide.ffi import JsException

from .workflows import NonRetryableError

REFUSAL_PREFIX = "workflow code cannot use "


class JsRefusedError(NonRetryableError, ImportError):
    """Workflow code asked for a JavaScript name the studio keeps out of its reach."""


def _refused(exc):
    if isinstance(exc, JsException) and exc.message.startswith(REFUSAL_PREFIX):
        return JsRefusedError(exc.message)
    return None


class _WorkflowJs(types.ModuleType):
    def __getattr__(self, name):
        scope = types.ModuleType.__getattribute__(self, "_scope")
        try:
            return getattr(scope, name)
        except JsException as exc:
            refused = _refused(exc)
            if refused is None:
                raise
            raise refused from None

    def __setattr__(self, name, value):
        try:
            setattr(types.ModuleType.__getattribute__(self, "_scope"), name, value)
        except JsException as exc:
            refused = _refused(exc)
            if refused is None:
                raise
            raise refused from None
        types.ModuleType.__setattr__(self, name, value)

    def __delattr__(self, name):
        try:
            delattr(types.ModuleType.__getattribute__(self, "_scope"), name)
        except JsException as exc:
            refused = _refused(exc)
            if refused is None:
                raise
            raise refused from None
        types.ModuleType.__delattr__(self, name)

    def __dir__(self):
        return sorted(set(dir(types.ModuleType.__getattribute__(self, "_scope"))))


def _refuse(what, reason):
    def refused(*args, **kwargs):
        raise JsRefusedError(f"{REFUSAL_PREFIX}{what} in the studio: {reason}")

    refused.__name__ = what.rsplit(".", 1)[-1]
    return refused


def install(reason):
    """Puts the ``js`` module in front of the workflow scope, and refuses ``os.system`` (in the CLI, Emscripten
    runs it as a shell command); ``reason`` ends the message (idempotent)."""
    import os  # noqa: PLC0415
    import posix  # noqa: PLC0415

    for module in (os, posix):
        if getattr(module, "system", None) is not None and module.system.__name__ != "system_refused":
            module.system = _refuse("os.system", reason)
            module.system.__name__ = "system_refused"
    current = sys.modules.get("js")
    if not isinstance(current, _WorkflowJs):
        if current is None:
            import js as current  # noqa: PLC0415 - the JsProxy of the scope, made by Pyodide's importer
        module = _WorkflowJs("js", "JavaScript as workflow code sees it in the studio (see workers._sandbox).")
        types.ModuleType.__setattr__(module, "_scope", current)
        sys.modules["js"] = module
