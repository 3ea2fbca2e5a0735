"""``self.env``: one workflow binding per ``WorkflowEntrypoint`` subclass of the module.

``self.env.MY_WORKFLOW`` offers ``create``, ``create_batch`` and ``get``; instances offer ``status``,
``pause``, ``resume``, ``terminate``, ``restart`` and ``send_event``. Options may be Python dicts or JS
objects (``to_js(..., dict_converter=Object.fromEntries)``), as on Cloudflare.
"""

import json

from pyodide.ffi import JsException, JsProxy

from ._env_bindings import declared_names, env_entry
from ._values import UnserialisableError, fold_rpc_error, from_json, to_json


def _plain(value, what):
    """A Python value from a dict, a JS object or None."""
    if value is None:
        return None
    if isinstance(value, JsProxy):
        import js

        return json.loads(js.JSON.stringify(value))
    if isinstance(value, dict):
        return value
    raise TypeError(f"{what} must be a dict (or a JS object), not {type(value).__name__}")


def _options(options, kwargs, what):
    merged = dict(_plain(options, what) or {})
    merged.update(kwargs)
    return merged


def _path_text(path):
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def _dumps(value):
    """JSON text of binding arguments, with what Cloudflare's ``python_to_rpc`` sends besides JSON (sets,
    bytes, …) tagged as step results are (see ``_values``)."""
    try:
        return to_json(value)
    except UnserialisableError as exc:
        problem = exc.problem
        what = {
            "cycle": "part of a cycle",
            "key": f"a dict with {problem['type']} keys",
        }.get(problem["kind"], f"an instance of {problem['type']}")
        raise TypeError(
            f"workflow binding arguments must be values Cloudflare can send: {_path_text(problem['path'])} is {what}"
        ) from None


async def _call(promise):
    """The binding is an RPC stub on Cloudflare, and workers-py maps none of its errors: they arrive as the JS
    error, folded by RPC (``Error: WorkflowError: …``)."""
    try:
        return await promise
    except JsException as exc:
        raise fold_rpc_error(exc) from None


class StatusDict(dict):
    """``status()`` result: a dict that also allows attribute access (``s["status"]`` or ``s.status``)."""

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None


class WorkflowInstance:
    """A handle on one workflow instance."""

    def __init__(self, host, handle):
        self._host = host
        self._handle = handle
        self.id = str(handle.id)

    def __repr__(self):
        return f"<WorkflowInstance id={self.id!r}>"

    async def _invoke(self, method, arg=None):
        return from_json(await _call(self._host.call(self._handle, method, _dumps(arg))))

    async def status(self):
        """``{"status", "output", "error"}`` of the instance."""
        return StatusDict(await self._invoke("status"))

    async def pause(self):
        await self._invoke("pause")

    async def resume(self):
        await self._invoke("resume")

    async def terminate(self):
        await self._invoke("terminate")

    async def restart(self, options=None, **kwargs):
        """Restart from scratch, or ``restart({"from": {"name": ..., "count": ..., "type": ...}})``
        (``from_=`` works as a keyword, since ``from`` is reserved in Python)."""
        opts = _options(options, kwargs, "restart options")
        if "from_" in opts:
            opts["from"] = opts.pop("from_")
        await self._invoke("restart", opts or None)

    async def send_event(self, event=None, **kwargs):
        """Send ``{"type": ..., "payload": ...}`` (a dict, a JS object, or ``type=``/``payload=`` keywords)."""
        await self._invoke("sendEvent", _options(event, kwargs, "event"))


class WorkflowBinding:
    """``self.env.<BINDING>``: creates and looks up instances of one workflow."""

    def __init__(self, host, binding_name):
        self._host = host
        self._name = binding_name

    def __repr__(self):
        return f"<WorkflowBinding {self._name}>"

    async def create(self, options=None, **kwargs):
        """Create an instance: ``create()``, ``create({"id": ..., "params": ...})`` or ``create(id=..., params=...)``."""
        opts = _options(options, kwargs, "create options")
        return WorkflowInstance(self._host, await _call(self._host.create(self._name, _dumps(opts))))

    async def create_batch(self, batch):
        """Create several instances at once from a list of option dicts."""
        if isinstance(batch, JsProxy):
            batch = _plain(batch, "create_batch items")
        if not isinstance(batch, (list, tuple)):
            raise TypeError(f"create_batch takes a list of option dicts, not {type(batch).__name__}")
        items = [_plain(item, "create_batch item") or {} for item in batch]
        handles = await _call(self._host.createBatch(self._name, _dumps(items)))
        return [WorkflowInstance(self._host, h) for h in handles]

    async def get(self, instance_id):
        """The instance with this id (an error when there is none)."""
        if not isinstance(instance_id, str):
            raise TypeError(f"instance id must be a str, not {type(instance_id).__name__}")
        return WorkflowInstance(self._host, await _call(self._host.get(self._name, instance_id)))


class Env:
    """``self.env``: the module's workflow bindings, and the KV, D1, R2 bindings, vars and secrets the file
    declares (``_env_bindings``)."""

    def __init__(self, host, binding_names):
        self._host = host
        self._names = tuple(binding_names)

    def __getattr__(self, name):
        if name.startswith("__") or name in ("_host", "_names"):
            raise AttributeError(name)
        if name in self._names:
            binding = WorkflowBinding(self._host, name)
            setattr(self, name, binding)
            return binding
        try:
            value = env_entry(self._host, name)
        except KeyError:
            pass
        else:
            setattr(self, name, value)
            return value
        known = ", ".join([*self._names, *declared_names(self._host)]) or "none"
        raise AttributeError(
            f"env has no binding {name!r} (bindings here: {known}; each WorkflowEntrypoint subclass gets one, "
            "named UPPER_SNAKE of its class name; KV namespaces, D1 databases, R2 buckets, vars and secrets are "
            "declared in the file's env)"
        )

    def __dir__(self):
        return [*self._names, *declared_names(self._host)]

    def __repr__(self):
        return f"<Env {', '.join(self._names)}>"
