"""Values and errors crossing the Python ↔ engine boundary.

Values cross as JSON text: Python checks that a value is JSON-like (None, bool, int, float, str, list,
tuple, dict with str keys), dumps it, and the TypeScript side parses it. Nothing crosses as a PyProxy, so
nothing has to be destroyed, and what is journaled is exactly what replay gives back.
"""

import json
import math
import os
import traceback

from pyodide.ffi import JsException, JsProxy

from .workflows import NonRetryableError

_SDK_DIR = os.path.dirname(os.path.abspath(__file__))

_HINT = "Return JSON-like values only: None, bool, int, float, str, list, tuple, or dict with str keys."


class UnserialisableError(TypeError):
    """A step result or workflow output that cannot be journaled."""


def _describe(value):
    if isinstance(value, JsProxy):
        return "a JavaScript object (convert it with .to_py() first)"
    if isinstance(value, float):
        return f"the float {value!r} (JSON has no NaN or Infinity)"
    return f"a value of type {type(value).__name__}"


def _check(value, path, active):
    if value is None or isinstance(value, (bool, str)):
        return
    if isinstance(value, int):
        return
    if isinstance(value, float):
        if math.isfinite(value):
            return
        raise UnserialisableError(f"{_describe(value)} at {path}")
    if isinstance(value, (list, tuple, dict)):
        if id(value) in active:
            raise UnserialisableError(f"a circular reference at {path}")
        active.add(id(value))
        if isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    raise UnserialisableError(f"a dict key of type {type(key).__name__} ({key!r}) at {path}")
                _check(item, f"{path}[{key!r}]", active)
        else:
            for index, item in enumerate(value):
                _check(item, f"{path}[{index}]", active)
        active.discard(id(value))
        return
    raise UnserialisableError(f"{_describe(value)} at {path}")


def to_json(value, what):
    """JSON text for ``value``; raises ``UnserialisableError`` naming ``what`` and the offending path."""
    try:
        _check(value, "result", set())
    except UnserialisableError as exc:
        raise UnserialisableError(f"{what} cannot be serialised: {exc}. {_HINT}") from None
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


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


def from_js_error(exc):
    """The Python exception ``run()`` sees for an error from the engine (same rules as Cloudflare's glue).

    ValueError (and JS RangeError), TypeError and NonRetryableError keep their type, with the original
    message as ``str()``; anything else stays the ``JsException``, catchable with ``except Exception``,
    whose ``str()`` is ``"<original type name>: <message>"``.
    """
    if not isinstance(exc, JsException):
        return exc
    name = exc.name
    message = exc.message
    if name in ("ValueError", "RangeError"):
        return ValueError(message)
    if name == "TypeError":
        return TypeError(message)
    if name == "NonRetryableError":
        return NonRetryableError(message)
    return exc


def error_name(exc):
    """The name the engine journals for a Python exception."""
    if isinstance(exc, JsException):
        return exc.name or "Error"
    if isinstance(exc, NonRetryableError):
        return "NonRetryableError"
    return type(exc).__name__


def error_message(exc):
    if isinstance(exc, JsException):
        return exc.message
    return str(exc)


def format_traceback(exc):
    """The traceback of ``exc`` without the SDK's own frames, so it points at the user's code."""
    try:
        te = traceback.TracebackException.from_exception(exc)
    except Exception:  # noqa: BLE001 - a traceback is a nicety, never a reason to fail
        return ""
    frames = [f for f in te.stack if not (f.filename or "").startswith(_SDK_DIR)]
    te.stack = traceback.StackSummary.from_list(frames)
    return "".join(te.format())
