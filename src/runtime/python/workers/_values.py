"""Values and errors crossing the Python ↔ engine boundary.

Values cross as JSON text: the TypeScript side parses it, and nothing crosses as a PyProxy, so nothing has to be
destroyed. What crosses is what Cloudflare's runtime lets through (``to_js(value,
dict_converter=Object.fromEntries)``, then structured clone): besides JSON's own types, ``bytes``, sets, NaN and
±inf, ints beyond 2**53, dicts with int (or bool, None, float) keys — keys become strings, as ``Object.fromEntries``
makes them — tuples (lists there) and ``datetime`` (a JS ``Date``). Those are journaled losslessly as tagged JSON
objects ``{"$type": ..., ...}`` (a user dict that has a ``"$type"`` key is wrapped as ``{"$type": "dict",
"entries": ...}``), and come back as Cloudflare's SDK (workers-py ``python_from_rpc``) gives them back:
``memoryview`` for bytes, ``set``, ``float``, ``int``, ``list`` for tuples, a naive ``datetime``, and dicts that
also allow attribute access (``JsDict``). Anything else (an arbitrary object, a cycle) fails, naming its path.
"""

import base64
import datetime as _dt
import json
import math
import os
import re
import traceback

from pyodide.ffi import JsException, JsProxy, jsnull

from .workflows import NonRetryableError

_SDK_DIR = os.path.dirname(os.path.abspath(__file__))
TAG = "$type"


class UnserialisableError(TypeError):
    """A step result or workflow output that cannot be journaled.

    ``problem`` says where and what, so the bridge can rebuild it as a JS value the engine rejects with its
    own message: ``{"path": [keys and indexes], "kind": "type" | "cycle" | "key", "type": Python type name}``.
    """

    def __init__(self, problem):
        super().__init__(f"{problem['type']} at {problem['path']}")
        self.problem = problem


def _fail(path, kind, value):
    raise UnserialisableError({"path": list(path), "kind": kind, "type": type(value).__name__})


_MAX_EXACT_INT = 2**53  # beyond this, JSON numbers lose digits in JavaScript (Cloudflare sends a BigInt)


def _js_number_text(value):
    """``String(n)`` in JavaScript for a Python float key (``1.0`` → ``"1"``)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return str(int(value)) if value.is_integer() and abs(value) < 1e21 else repr(value)


def _key(key, path):
    """A dict key as ``Object.fromEntries`` makes it: ``String(key)`` of its JS conversion."""
    if isinstance(key, str):
        return key
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None or key is jsnull:
        return "null"
    if isinstance(key, int):
        return str(key)
    if isinstance(key, float):
        return _js_number_text(key)
    _fail(path, "key", key)


def _encode(value, path, active):
    if value is None or value is jsnull or isinstance(value, (bool, str)):
        return None if value is jsnull else value
    if isinstance(value, int):
        return value if -_MAX_EXACT_INT <= value <= _MAX_EXACT_INT else {TAG: "bigint", "value": str(value)}
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return {TAG: "float", "value": "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")}
    if isinstance(value, JsProxy):
        # A JS value (e.g. from to_js): journal what it converts to, as Cloudflare's RPC would send it.
        converted = value.to_py()
        if isinstance(converted, JsProxy):
            _fail(path, "type", value)
        return _encode(converted, path, active)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {TAG: "bytes", "base64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, _dt.datetime):
        return {TAG: "datetime", "ms": value.timestamp() * 1000}
    if not isinstance(value, (list, tuple, set, frozenset, dict)):
        _fail(path, "type", value)
    if id(value) in active:
        _fail(path, "cycle", value)
    active.add(id(value))
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            name = _key(key, path)
            path.append(name)
            out[name] = _encode(item, path, active)
            path.pop()
        result = {TAG: "dict", "entries": out} if TAG in out else out
    else:
        items = []
        for index, item in enumerate(value):
            path.append(index)
            items.append(_encode(item, path, active))
            path.pop()
        result = {TAG: "set", "items": items} if isinstance(value, (set, frozenset)) else items
    active.discard(id(value))
    return result


def to_json(value):
    """JSON text for ``value`` (tagged where JSON has no type for it); raises ``UnserialisableError`` for a value
    Cloudflare's runtime cannot send either (see there)."""
    return json.dumps(_encode(value, [], set()), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class JsDict(dict):
    """A dict that also allows attribute access to its keys, as workers-py gives JS objects back."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _decode(obj):
    tag = obj.get(TAG)
    if isinstance(tag, str) and len(obj) == 2:
        if tag == "bytes" and isinstance(obj.get("base64"), str):
            return memoryview(base64.b64decode(obj["base64"]))
        if tag == "set" and isinstance(obj.get("items"), list):
            return set(obj["items"])
        if tag == "float" and obj.get("value") in ("nan", "inf", "-inf"):
            return float(obj["value"])
        if tag == "bigint" and isinstance(obj.get("value"), str):
            return int(obj["value"])
        if tag == "datetime" and isinstance(obj.get("ms"), (int, float)):
            from ._clock import real_datetime_class

            return real_datetime_class().fromtimestamp(obj["ms"] / 1000)
        if tag == "dict" and isinstance(obj.get("entries"), dict):
            return JsDict(obj["entries"])
    return JsDict(obj)


def from_json(text):
    """The Python value for JSON text from the engine, as Cloudflare's SDK gives it back (see the module doc)."""
    return json.loads(text, object_hook=_decode)


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


def _python_traceback(exc):
    """The Python traceback behind ``exc`` when it is a Python exception that crossed the engine (a failed
    step): the bridge journals those with it (``serialized.traceback``); None for the engine's own errors."""
    serialized = getattr(exc, "serialized", None)
    traceback_text = getattr(serialized, "traceback", None) if serialized is not None else None
    return traceback_text if isinstance(traceback_text, str) else None


# The error names workerd's RPC rebuilds as their own class. Cloudflare's engine runs run() and each step
# callback over RPC, and the binding is an RPC stub too: an error of any other name reaches the other side as
# an ``Error`` whose message starts with that name (``Error("WorkflowTimeoutError: …")``).
_RPC_ERROR_NAMES = frozenset(
    {"Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError"}
)


def _js_error(message):
    import js  # noqa: PLC0415 - Pyodide's JsProxy of the JS scope, only reached with a JS error in hand

    return js.Error.new(message)


def fold_rpc_error(exc):
    """What an error from the engine is once it has crossed Cloudflare's RPC, as Python code receives it.

    An engine error with a name RPC does not keep (``WorkflowTimeoutError``, ``WorkflowFatalError``,
    ``WorkflowError``, ``NonRetryableError``, …) becomes a ``JsException`` named ``Error`` whose message is
    ``"<name>: <message>"`` (``str(e)`` is ``"Error: WorkflowTimeoutError: …"``). A Python exception a step
    raised reached Cloudflare's engine as Pyodide's ``PythonError``, whose message is the traceback, so it
    comes back as ``Error("PythonError: <traceback>")``; only a ``NonRetryableError`` keeps its name there
    (workers-py hands it to the engine as a JS ``NonRetryableError``, so the engine does not retry it).
    Errors with a kept name (``TypeError``, ``RangeError``, …) are returned as they are.
    """
    if not isinstance(exc, JsException):
        return exc
    name = exc.name or "Error"
    message = exc.message or ""
    traceback_text = _python_traceback(exc)
    if traceback_text is not None and name != "NonRetryableError":
        # A traceback the bridge could not render still ends with the exception's line, as Pyodide's does.
        body = traceback_text if traceback_text != "" else f"{name}: {message}\n" if message else f"{name}\n"
        folded = _js_error(f"PythonError: {body}")
        # Kept for the journal: should run() let it escape, the instance error still names the Python class.
        folded.serialized = exc.serialized
        return folded
    if name in _RPC_ERROR_NAMES:
        return exc
    return _js_error(f"{name}: {message}" if message else name)


# The folded name as Cloudflare's engine strips it again (``PreservedNonRetryableError``); workers-py does too.
_NON_RETRYABLE_PREFIX = re.compile(r"^NonRetryableError:?\s*")


def from_js_error(exc):
    """The Python exception ``run()`` sees for a failed ``step.do``, as workers-py's ``_from_js_error`` makes it
    from the error Cloudflare's engine throws back (see :func:`fold_rpc_error`).

    A step's Python exception arrives as ``PythonError: <traceback>``; the traceback's last line picks the
    class: ``TypeError``, ``ValueError`` keep their type and ``str()`` is that line (``"ValueError: bad"``);
    any other stays the ``JsException`` (``str(e)`` is ``"Error: PythonError: Traceback …"``). A
    ``NonRetryableError`` arrives with its name folded into the message, which workers-py strips: its
    ``str()`` is the original message. A JS ``RangeError`` becomes a ``ValueError`` and a JS ``TypeError`` a
    ``TypeError``, with the bare message; any other error stays the (folded) ``JsException``.
    """
    if not isinstance(exc, JsException):
        return exc
    folded = fold_rpc_error(exc)
    message = folded.message or ""
    if message.startswith("PythonError"):
        lines = message.split("\n")
        last = lines[-2] if len(lines) >= 2 else ""
        if last.startswith("TypeError"):
            return TypeError(last)
        if last.startswith("ValueError"):
            return ValueError(last)
        return folded
    if folded.name == "Error" and _NON_RETRYABLE_PREFIX.match(message):
        return NonRetryableError(_NON_RETRYABLE_PREFIX.sub("", message, count=1))
    if folded.name == "RangeError":
        return ValueError(message)
    if folded.name == "TypeError":
        return TypeError(message)
    return folded


def _gate_refusal(exc):
    """A refusal of the studio's network gate (a JS error named NonRetryableError) that
    ``pyodide.http.pyfetch`` re-raised as its ``AbortError`` (``raise AbortError(e) from None``)."""
    context = exc.__context__
    return isinstance(exc, OSError) and isinstance(context, JsException) and context.name == "NonRetryableError"


def _step_error(exc):
    """The journaled step error behind a JS error ``run()`` let escape, when it is a Python exception."""
    return exc.serialized if isinstance(exc, JsException) and _python_traceback(exc) is not None else None


def error_name(exc):
    """The name the engine journals for a Python exception; a refused request is not retried. A step's Python
    exception that ``run()`` let escape keeps its class (Cloudflare's would read ``Error`` / ``PythonError:
    <traceback>``; the studio shows the class and keeps the traceback apart)."""
    step_error = _step_error(exc)
    if step_error is not None:
        return step_error.name
    if isinstance(exc, JsException):
        return exc.name or "Error"
    if isinstance(exc, NonRetryableError) or _gate_refusal(exc):
        return "NonRetryableError"
    return type(exc).__name__


def error_message(exc):
    """``str(exc)`` as Python prints it; an exception whose ``__str__`` raises reads as Python's traceback
    module renders it, ``<exception str() failed>`` (the failure must not escape: it would lose the attempt)."""
    step_error = _step_error(exc)
    if step_error is not None:
        return step_error.message
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
