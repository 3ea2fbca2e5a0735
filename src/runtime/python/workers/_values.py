"""Values and errors crossing the Python ↔ engine boundary.

Values cross as JSON text: Python checks that a value is JSON-like (None, bool, int, float, str, list,
tuple, dict with str keys), dumps it, and the TypeScript side parses it. Nothing crosses as a PyProxy, so
nothing has to be destroyed, and what is journaled is exactly what replay gives back.
"""

import json
import math
import os
import traceback

from pyodide.ffi import JsException, JsProxy, jsnull

from .workflows import NonRetryableError

_SDK_DIR = os.path.dirname(os.path.abspath(__file__))

class UnserialisableError(TypeError):
    """A step result or workflow output that cannot be journaled.

    ``problem`` says where and what, so the bridge can rebuild it as a JS value the engine rejects with its
    own message: ``{"path": [keys and indexes], "kind": "type" | "nan" | "inf" | "-inf" | "cycle" | "key" |
    "bigint", "type": Python type name}``.
    """

    def __init__(self, problem):
        super().__init__(f"{problem['type']} at {problem['path']}")
        self.problem = problem


def _fail(path, kind, value):
    raise UnserialisableError({"path": list(path), "kind": kind, "type": type(value).__name__})


_MAX_EXACT_INT = 2**53  # beyond this, JSON numbers lose digits in JavaScript


def _check(value, path, active):
    if value is None or value is jsnull or isinstance(value, (bool, str)):
        return
    if isinstance(value, int):
        if -_MAX_EXACT_INT <= value <= _MAX_EXACT_INT:
            return
        _fail(path, "bigint", value)
    if isinstance(value, JsProxy):
        # A JS value (e.g. from to_js): journal what it converts to, as Cloudflare's RPC would send it.
        converted = value.to_py()
        if isinstance(converted, JsProxy):
            _fail(path, "type", value)
        _check(converted, path, active)
        return
    if isinstance(value, float):
        if math.isfinite(value):
            return
        _fail(path, "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf"), value)
    if isinstance(value, (list, tuple, dict)):
        if id(value) in active:
            _fail(path, "cycle", value)
        active.add(id(value))
        if isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    _fail(path, "key", key)
                path.append(key)
                _check(item, path, active)
                path.pop()
        else:
            for index, item in enumerate(value):
                path.append(index)
                _check(item, path, active)
                path.pop()
        active.discard(id(value))
        return
    _fail(path, "type", value)


def _default(value):
    if value is jsnull:
        return None
    if isinstance(value, JsProxy):
        return value.to_py()
    raise TypeError(type(value).__name__)


def to_json(value):
    """JSON text for ``value``; raises ``UnserialisableError`` when it is not JSON-like (see there)."""
    _check(value, [], set())
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_default)


_INFINITY = "__workers_Infinity__"


def _config_value(value):
    if isinstance(value, dict):
        return {str(k): _config_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_config_value(v) for v in value]
    if isinstance(value, float) and math.isinf(value):
        return _INFINITY if value > 0 else "-" + _INFINITY
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, JsProxy):
        return _config_value(value.to_py())
    # Not JSON: pass a description so the engine's validation rejects the key and names it.
    return f"<{type(value).__name__}>"


def config_to_json(config):
    """JSON text for a step config; ``float("inf")`` survives as a marker the bridge turns into Infinity."""
    return json.dumps(_config_value(config), separators=(",", ":"))


def _python_origin(exc):
    """True when the JS error behind ``exc`` is a Python exception that crossed the engine (a failed step):
    the bridge journals those with their Python traceback (``serialized.traceback``)."""
    serialized = getattr(exc, "serialized", None)
    return serialized is not None and isinstance(getattr(serialized, "traceback", None), str)


# The last line of a Python traceback names the type as ``module.qualname`` except for builtins: what
# Cloudflare's glue matches on (``_from_js_error`` in workers-py's ``utils.py``).
_PREFIXES = {
    "TypeError": ("TypeError", TypeError),
    "ValueError": ("ValueError", ValueError),
    "NonRetryableError": ("workers.workflows.NonRetryableError", NonRetryableError),
}


def from_js_error(exc):
    """The Python exception ``run()`` sees for an error from the engine, as Cloudflare's glue makes it.

    A Python ``TypeError``, ``ValueError`` or ``NonRetryableError`` raised in a step keeps its type, and its
    ``str()`` is the last line of its traceback (``"TypeError: bad"``,
    ``"workers.workflows.NonRetryableError: stop"``), as on Cloudflare. A JS ``RangeError`` becomes a
    ``ValueError`` and a JS ``TypeError`` a ``TypeError``, with the bare message. Anything else stays the
    ``JsException``, catchable with ``except Exception``, whose ``str()`` is ``"<type name>: <message>"``.
    """
    if not isinstance(exc, JsException):
        return exc
    name = exc.name
    message = exc.message
    if _python_origin(exc):
        mapped = _PREFIXES.get(name)
        if mapped is None:
            return exc
        prefix, cls = mapped
        return cls(f"{prefix}: {message}" if message else prefix)
    if name == "RangeError":
        return ValueError(message)
    if name == "TypeError":
        return TypeError(message)
    return exc


def error_name(exc):
    """The name the engine journals for a Python exception."""
    if isinstance(exc, JsException):
        return exc.name or "Error"
    if isinstance(exc, NonRetryableError):
        return "NonRetryableError"
    return type(exc).__name__


def error_message(exc):
    """``str(exc)`` as Python prints it; an exception whose ``__str__`` raises reads as Python's traceback
    module renders it, ``<exception str() failed>`` (the failure must not escape: it would lose the attempt)."""
    if isinstance(exc, JsException):
        return exc.message
    try:
        return str(exc)
    except BaseException:  # noqa: BLE001 - any failure of a user's __str__
        return "<exception str() failed>"


def format_traceback(exc):
    """The traceback of ``exc`` without the SDK's own frames, so it points at the user's code."""
    try:
        te = traceback.TracebackException.from_exception(exc)
    except Exception:  # noqa: BLE001 - a traceback is a nicety, never a reason to fail
        return ""
    frames = [f for f in te.stack if not (f.filename or "").startswith(_SDK_DIR)]
    te.stack = traceback.StackSummary.from_list(frames)
    return "".join(te.format())
