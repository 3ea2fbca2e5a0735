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
from functools import wraps

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


def _gate_errors(pyfetch):
    """``pyfetch`` whose request the network gate refused raises ``NonRetryableError`` (pyfetch itself would
    wrap the gate's error into an ``AbortError``, which a step retries for minutes)."""
    if getattr(pyfetch, "_gated", False):
        return pyfetch

    @wraps(pyfetch)
    async def gated(*args, **kwargs):
        try:
            return await pyfetch(*args, **kwargs)
        except OSError as exc:
            cause = exc.__context__  # pyfetch raises AbortError(...) from None: the gate's error stays here
            if isinstance(cause, JsException) and cause.name == "NonRetryableError":
                raise NonRetryableError(cause.message) from None
            raise

    gated._gated = True
    return gated


def install():
    """Puts the ``js`` module in front of the workflow scope and makes ``pyfetch`` report the gate (idempotent)."""
    current = sys.modules.get("js")
    if not isinstance(current, _WorkflowJs):
        if current is None:
            import js as current  # noqa: PLC0415 - the JsProxy of the scope, made by Pyodide's importer
        module = _WorkflowJs("js", "JavaScript as workflow code sees it in the studio (see workers._sandbox).")
        types.ModuleType.__setattr__(module, "_scope", current)
        sys.modules["js"] = module
    import pyodide.http  # noqa: PLC0415 - imports from js, so only once js is the module above

    pyodide.http.pyfetch = _gate_errors(pyodide.http.pyfetch)
