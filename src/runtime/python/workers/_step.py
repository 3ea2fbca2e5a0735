"""The ``step`` object passed to ``run()``: ``step.do``, ``step.sleep``, ``step.sleep_until``,
``step.wait_for_event``. One fresh ``WorkflowStep`` per run, so nothing leaks between runs or instances.

Dependency rules (as Cloudflare's glue): a step parameter named like a step declared in this run gets that
step's result; ``ctx`` gets the step context. A dependency that already finished in this run is reused, one
in flight is awaited, and otherwise it is called (once, even when several steps need it at the same time).
Calling a decorated step yourself always runs it again (the next count).
"""

import asyncio
import datetime as _dt
import inspect
import math
import weakref

from pyodide.ffi import JsException

from . import _context
from ._values import config_to_json, fold_rpc_error, from_js_error, from_json

_CTX = object()  # stands for the ``ctx`` parameter until an attempt supplies the step context


class WorkflowEvent(dict):
    """A dict that also allows attribute access: ``evt["payload"]`` and ``evt.payload`` both work."""

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(f"event has no field {key!r}; fields: {', '.join(self)}") from None


def _from_ms(ms):
    return _dt.datetime.fromtimestamp(ms / 1000)


def _number_ms(value, what):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(
            f"{what} must be a number of milliseconds or a duration string like \"10 seconds\", "
            f"not {type(value).__name__}"
        )
    return value


def _duration(value, what):
    """A duration as Cloudflare's SDK passes it on: a string as is, a number as milliseconds (the JS engine
    reads numbers so, whatever the Python docs say; the editor flags numbers with a fix to a string)."""
    if isinstance(value, str):
        return value
    ms = _number_ms(value, what)
    if not math.isfinite(ms) or ms < 0:
        raise ValueError(
            f"{what} must be a number of milliseconds \u2265 0 or a duration string like \"10 seconds\", got {value!r}"
        )
    return ms


def _check_name(name, method):
    if not isinstance(name, str):
        raise TypeError(f"{method} name must be a str, not {type(name).__name__}")


async def _settle(run, promise, convert, to_python=fold_rpc_error):
    """The value of an engine call; its error as Cloudflare's SDK raises it: ``step.do`` through workers-py's
    ``_from_js_error`` (``to_python``), sleeps and waits as the JS error itself, after Cloudflare's RPC."""
    try:
        raw = await promise
    except JsException as exc:
        raise to_python(exc) from None
    run.ensure_live()
    return convert(raw)


def _ignore(_raw):
    return None


def _as_event(raw):
    data = from_json(raw)
    return WorkflowEvent(type=data["type"], payload=data["payload"], timestamp=_from_ms(data["timestamp"]))


class _InFlight:
    """A step call that is running: dependents wait for its outcome. Futures are made only for waiters, so
    the common case (nobody waits) schedules no extra event-loop callbacks."""

    __slots__ = ("done", "result", "error", "waiters")

    def __init__(self):
        self.done = False
        self.result = None
        self.error = None
        self.waiters = []

    def settle(self, result=None, error=None):
        self.done, self.result, self.error = True, result, error
        for fut in self.waiters:
            if fut.done():
                continue
            if isinstance(error, asyncio.CancelledError):
                fut.cancel()
            elif error is not None:
                fut.set_exception(error)
            else:
                fut.set_result(result)
        self.waiters = []

    async def wait(self):
        if not self.done:
            fut = asyncio.get_event_loop().create_future()
            self.waiters.append(fut)
            return await fut
        if self.error is not None:
            raise self.error
        return self.result


# code object -> parameter names: step functions are redefined on every run, their code is not. Weak, so
# the entries of an unloaded module go away with it.
_PARAMS = weakref.WeakKeyDictionary()


def _parameter_names(func):
    code = getattr(func, "__code__", None)
    names = _PARAMS.get(code) if code is not None else None
    if names is None:
        names = tuple(inspect.signature(func).parameters)
        if code is not None and not inspect.ismethod(func):
            _PARAMS[code] = names
    return names


class WorkflowStep:
    """What ``run(self, event, step)`` receives as ``step``."""

    def __init__(self, run, legacy=False):
        self._run = run
        self._legacy = legacy  # the legacy step.do form (the file uses depends=), as Cloudflare's flag picks it
        self._closures = {}  # step name -> decorated callable
        self._memo = {}  # step name -> result of the last successful call in this run
        self._in_flight = {}  # step name -> Future of the call now running

    # ── step.do ──────────────────────────────────────────────────────────────────────────────────
    def do(self, name=None, depends=None, concurrent=False, config=None):
        """``@step.do(name=None, *, concurrent=False, config=None)`` (or legacy
        ``@step.do(name, depends=[...], concurrent=False, config=None)``): returns a decorator; the
        decorated function becomes a callable you must ``await`` to run the step."""
        if callable(name):
            raise TypeError('step.do must be called to make the decorator: write @step.do() or @step.do("name")')
        if name is not None:
            _check_name(name, "step.do")
        if depends is not None:
            if not isinstance(depends, (list, tuple)):
                raise TypeError(f"depends must be a list of steps, not {type(depends).__name__}")
            for index, dep in enumerate(depends):
                if not hasattr(dep, "_step_name"):
                    raise TypeError(f"depends[{index}] is not a step: pass functions decorated with @step.do")

        def decorator(func):
            if not callable(func):
                raise TypeError(f"@step.do must decorate a function, not {type(func).__name__}")
            step_name = func.__name__ if name is None else name
            return self._make_callable(step_name, func, depends, concurrent, config)

        return decorator

    def _make_callable(self, step_name, func, depends, concurrent, config):
        async def step_callable():
            return await self._call(step_name, func, depends, concurrent, config)

        step_callable._step_name = step_name
        step_callable.__name__ = getattr(func, "__name__", step_name)
        step_callable.__qualname__ = getattr(func, "__qualname__", step_name)
        step_callable.__doc__ = getattr(func, "__doc__", None)
        self._closures[step_name] = step_callable
        return step_callable

    def _dependencies(self, func, depends):
        params = _parameter_names(func)
        if depends is None and self._legacy and any(name != "ctx" for name in params):
            non_ctx = sum(1 for name in params if name != "ctx")
            raise TypeError(
                f"Step has {non_ctx} non-ctx parameter(s) but no 'depends' list provided "
                "(this file uses depends= elsewhere, so it runs the legacy step.do form, as Cloudflare would)"
            )
        if depends is None:
            deps = []
            for name in params:
                if name == "ctx":
                    deps.append(_CTX)
                elif name in self._closures:
                    deps.append(self._closures[name])
                else:
                    raise TypeError(f"Received unexpected parameter {name}")
            return deps
        non_ctx = [name for name in params if name != "ctx"]
        if len(depends) != len(non_ctx):
            raise TypeError(
                f"Step declares {len(non_ctx)} non-ctx parameter(s) but 'depends' has {len(depends)} item(s)"
            )
        remaining = iter(depends)
        return [_CTX if name == "ctx" else next(remaining) for name in params]

    async def _call(self, step_name, func, depends, concurrent, config):
        run = self._run
        run.ensure_live()
        chain = _context.resolving.get()
        deps = self._dependencies(func, depends)
        flight = _InFlight()
        self._in_flight[step_name] = flight
        token = _context.resolving.set((*chain, step_name)) if deps else None
        try:
            values = await self._resolve_all(deps, concurrent) if deps else ()
            result = await self._execute(step_name, func, values, config)
        except BaseException as exc:
            flight.settle(error=exc)
            raise
        else:
            self._memo[step_name] = result
            flight.settle(result)
            return result
        finally:
            if token is not None:
                _context.resolving.reset(token)
            if self._in_flight.get(step_name) is flight:
                del self._in_flight[step_name]

    async def _resolve_all(self, deps, concurrent):
        if concurrent:
            return list(await asyncio.gather(*(self._resolve(dep) for dep in deps)))
        return [await self._resolve(dep) for dep in deps]

    async def _resolve(self, dep):
        if dep is _CTX:
            return _CTX
        dep_name = dep._step_name
        chain = _context.resolving.get()
        if dep_name in chain:
            cycle = " -> ".join((*chain[chain.index(dep_name) :], dep_name))
            raise TypeError(f"Steps depend on each other in a cycle: {cycle}")
        if dep_name in self._memo:
            return self._memo[dep_name]
        if dep_name in self._in_flight:
            return await self._in_flight[dep_name].wait()
        return await dep()

    async def _execute(self, step_name, func, values, config):
        run = self._run
        run.ensure_live()
        config_json = None if config is None else config_to_json(config)
        call_id = run.register_call(step_name, func, values)
        try:
            return await _settle(run, run.host.doStep(step_name, call_id, config_json), from_json, from_js_error)
        finally:
            run.unregister_call(call_id)

    # ── sleeps and waits ─────────────────────────────────────────────────────────────────────────
    def sleep(self, name, duration):
        """Sleep for ``duration``: a duration string such as ``"10 seconds"``, or a number of milliseconds (as on
        Cloudflare's runtime: ``step.sleep("x", 10)`` sleeps 10 ms)."""
        _check_name(name, "step.sleep")
        self._run.ensure_live()
        ms = _duration(duration, "duration")
        if _context.sleeps_disabled is not None and _context.sleeps_disabled(self._run.instance_id()):
            ms = 0
        return _settle(self._run, self._run.host.sleep(name, ms), _ignore)

    def sleep_until(self, name, timestamp):
        """Sleep until ``timestamp``: a ``datetime.datetime`` or milliseconds since the Unix epoch (as on
        Cloudflare's runtime)."""
        _check_name(name, "step.sleep_until")
        if isinstance(timestamp, _dt.datetime):
            at = timestamp.timestamp() * 1000
        elif isinstance(timestamp, str):
            at = _dt.datetime.fromisoformat(timestamp).timestamp() * 1000
        else:
            at = _number_ms(timestamp, "timestamp")
        self._run.ensure_live()
        if _context.sleeps_disabled is not None and _context.sleeps_disabled(self._run.instance_id()):
            at = self._run.now_ms()
        return _settle(self._run, self._run.host.sleepUntil(name, at), _ignore)

    def wait_for_event(self, name, event_type, /, timeout="24 hours"):
        """Wait for an event of ``event_type``; returns it as a dict (``payload``, ``timestamp``, ``type``)
        that also allows attribute access. Raises (catchable) when ``timeout`` passes first. ``event_type`` is
        positional-only, as in Cloudflare's SDK (``event_type=...`` is a TypeError)."""
        _check_name(name, "step.wait_for_event")
        if not isinstance(event_type, str):
            raise TypeError(f"event_type must be a str, not {type(event_type).__name__}")
        self._run.ensure_live()
        promise = self._run.host.waitForEvent(name, event_type, _duration(timeout, "timeout"))
        return _settle(self._run, promise, _as_event)
