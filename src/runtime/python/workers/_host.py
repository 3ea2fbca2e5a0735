"""The functions the TypeScript bridge calls (``src/runtime/python-runtime.ts``,
``src/runtime/workflow-module.ts``). Not for user code.

Contract with the bridge:
- Everything crosses as JSON text or as plain JS host objects; these functions return only None or str,
  so no PyProxy ever leaves Python.
- ``start_run`` runs ``run()`` as an asyncio Task and reports through ``host.resolve(json)`` /
  ``host.reject(name, message, traceback)``. ``evict_run`` cancels the Task (and its helper tasks):
  ``CancelledError`` is a BaseException, so user ``except Exception`` never sees eviction, and an evicted
  run reports nothing.
- ``start_attempt`` runs one attempt of a step as a Task in its own context (its own ``print()`` sink) and
  reports through ``attempt.resolve(json)`` / ``attempt.reject(name, message, traceback)`` /
  ``attempt.invalid(problem_json)`` (result not serialisable: the bridge hands the engine a stand-in value it
  rejects with its own message, so the instance errors naming the step, as for any unserialisable result). ``cancel_attempt`` cancels it (timeout).
"""

import ast
import asyncio
import contextvars
import inspect
import json
import linecache
import re
import sys
import types

from . import _clock, _context, _stdout
from ._bindings import Env
from ._entrypoints import ExecutionContext, WorkflowEntrypoint
from ._interrupts import route_interrupts  # noqa: F401 - called by the bridge (python-runtime.ts)
from ._step import _CTX, WorkflowStep
from ._values import UnserialisableError, error_message, error_name, format_traceback, from_json, to_json

_modules = {}  # module key -> _Module
_runs = {}  # run key -> _Run
_attempts = {}  # attempt key -> (run, Task)
_next_module = 0
# A function (source, filename) -> AST compiled instead of the source, e.g. the test command's assert rewriting
# (workers/_test_host.py); None: the source as written.
source_transform = None
# Names of modules whose workflow classes count as their importer's own: the sibling files a test file imports
# (workers/_test_host.py), so a test of ``from order_workflow import OrderWorkflow`` can run that workflow.
shared_modules = set()
# A function module -> {binding name: workflow class} of bindings declared outside the module (a test folder's
# wrangler.jsonc: workers/_test_workflows.py); None: each class gets the binding UPPER_SNAKE of its name only.
declared_bindings = None


def kebab_case(name):
    """``MyWorkflow`` → ``my-workflow``: the workflowName of a class."""
    return _words(name, "-").lower()


def upper_snake(name):
    """``MyWorkflow`` → ``MY_WORKFLOW``: the env binding name of a class."""
    return _words(name, "_").upper()


def _words(name, sep):
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1" + sep + r"\2", name)
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1" + sep + r"\2", text)
    return re.sub(r"[^A-Za-z0-9]+", sep, text).strip(sep)


_activity = 0
_counting = False


def install():
    """Patch stdout/stderr and the clock functions once, before any user module is imported, and count
    the event loop's scheduled callbacks (see ``activity``)."""
    global _counting
    _stdout.install()
    _clock.install()
    if _counting:
        return
    _counting = True
    loop = asyncio.get_event_loop()
    schedule = loop.call_later  # WebLoop.call_soon and call_at go through call_later

    def call_later(delay, callback, *args, context=None):
        global _activity
        _activity += 1
        if _runs:
            run = _context.current_run.get(None) if context is None else context.get(_context.current_run)
            if run is not None:
                run.activity += 1
        return schedule(delay, callback, *args, context=context)

    loop.call_later = call_later


def activity(run_key=None):
    """How many callbacks the event loop has scheduled so far; with ``run_key``, how many that run's tasks
    scheduled (0 when it is not live). Hosts compare it across a few turns to tell whether Python is still
    working between two engine calls, which ``engine.settle()`` cannot see; the engine's eviction check asks
    per run, so one busy instance does not keep the blocked runs of the others in memory."""
    if run_key is None:
        return _activity
    run = _runs.get(run_key)
    return 0 if run is None else run.activity


class _Module:
    def __init__(self, key, module, classes, env_host, legacy):
        self.key = key
        self.module = module
        self.classes = classes  # class name -> class
        self.env_host = env_host
        self.binding_names = [upper_snake(n) for n in classes]
        self.legacy = legacy  # the step.do form: see _uses_depends


def _uses_depends(code):
    """Whether the module calls ``step.do(..., depends=...)``. Cloudflare runs one ``step.do`` form per Worker
    (a compatibility setting); the studio runs the form the file uses, and export sets the matching flag: the
    legacy form when ``depends=`` appears, else the implicit one (the analysis's ``stepDoForm`` agrees)."""
    for node in ast.walk(code):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "do":
            if any(k.arg == "depends" for k in node.keywords):
                return True
    return False


def _error_line(exc, filename):
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def load_module(source, filename, module_name, env_host):
    """Import a user module; JSON ``{"ok": true, "key", "workflows": [...]}`` or ``{"ok": false, ...}``."""
    global _next_module
    # Tracebacks and inspect read source lines through linecache; the module never exists on disk.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    try:
        code = compile(source if source_transform is None else source_transform(source, filename), filename, "exec")
    except SyntaxError as exc:
        return json.dumps(
            {
                "ok": False,
                "kind": "syntax",
                "name": type(exc).__name__,
                "message": exc.msg,
                "line": exc.lineno,
                "column": exc.offset,
                "traceback": format_traceback(exc),
            }
        )
    module = types.ModuleType(module_name)
    module.__file__ = filename
    previous = sys.modules.get(module_name)
    sys.modules[module_name] = module
    _context.importing = True
    try:
        exec(code, module.__dict__)
        aliases = {} if declared_bindings is None else declared_bindings(module)
    except BaseException as exc:  # noqa: BLE001 - any failure at import is the user's to see
        if previous is None:
            sys.modules.pop(module_name, None)
        else:
            sys.modules[module_name] = previous
        return json.dumps(
            {
                "ok": False,
                "kind": "import",
                "name": type(exc).__name__,
                "message": error_message(exc),
                "line": _error_line(exc, filename),
                "traceback": format_traceback(exc),
            }
        )
    finally:
        _context.importing = False
    classes = {}
    for value in list(module.__dict__.values()):
        if (
            isinstance(value, type)
            and issubclass(value, WorkflowEntrypoint)
            and value is not WorkflowEntrypoint
            and (value.__module__ == module_name or value.__module__ in shared_modules)
        ):
            classes[value.__name__] = value
    for cls in aliases.values():
        classes.setdefault(cls.__name__, cls)
    _next_module += 1
    key = _next_module
    _modules[key] = _Module(key, module, classes, env_host, _uses_depends(ast.parse(source, filename)))
    _modules[key].binding_names += [b for b in aliases if b not in _modules[key].binding_names]
    workflows = [
        {
            "className": name,
            "workflowName": kebab_case(name),
            "bindingName": upper_snake(name),
            "line": inspect.getsourcelines(cls)[1] if _has_source(cls) else None,
        }
        for name, cls in classes.items()
    ]
    aliases = [{"bindingName": b, "workflowName": kebab_case(cls.__name__)} for b, cls in aliases.items()]
    return json.dumps({"ok": True, "key": key, "workflows": workflows, "aliases": aliases})


def _has_source(cls):
    try:
        inspect.getsourcelines(cls)
    except (OSError, TypeError):
        return False
    return True


def unload_module(key):
    """Forget a module (its runs must have ended or been evicted)."""
    mod = _modules.pop(key, None)
    if mod is not None and sys.modules.get(mod.module.__name__) is mod.module:
        del sys.modules[mod.module.__name__]


class _Run:
    """One execution of ``run()`` for one instance: its step calls, tasks and clock."""

    def __init__(self, key, host, virtual):
        self.key = key
        self.host = host
        self.virtual = virtual
        self.calls = {}
        self._next_call = 0
        self.evicted = False
        self.task = None
        self.activity = 0
        self.env = None
        self._instance_id = None

    def now_ms(self):
        return self.host.now()

    async def virtual_sleep(self, seconds):
        timer = self.host.timer(seconds * 1000)
        try:
            await timer.promise
        finally:
            timer.dispose()

    def instance_id(self):
        if self._instance_id is None:
            self._instance_id = json.loads(self.host.eventJson)["instanceId"]
        return self._instance_id

    def ensure_live(self):
        if self.evicted:
            raise asyncio.CancelledError("workflow run evicted")

    def register_call(self, name, func, values):
        self._next_call += 1
        self.calls[self._next_call] = (name, func, values)
        return self._next_call

    def unregister_call(self, call_id):
        self.calls.pop(call_id, None)


def _event(raw):
    data = from_json(raw)
    # The engine makes absent params {}; params given as null stay None, as on Cloudflare.
    return {
        "payload": data["payload"],
        "timestamp": _clock.real_datetime_class().fromtimestamp(data["timestamp"] / 1000),
        "instanceId": data["instanceId"],
        "workflowName": data["workflowName"],
    }


def _start_task(coro, context):
    """A Task that starts at once (eager): a step that does not await finishes without an event-loop hop,
    which makes a Python step several times cheaper. It still runs in its own context and can be cancelled."""
    return asyncio.Task(coro, loop=asyncio.get_event_loop(), context=context, eager_start=True)


def _new_context(run, sink, net=None, attempt=False):
    ctx = contextvars.Context()
    ctx.run(_context.current_run.set, run)
    ctx.run(_context.current_sink.set, sink)
    ctx.run(_context.current_net.set, net)
    ctx.run(_context.current_env.set, run.env)
    if attempt:
        ctx.run(_context.in_attempt.set, True)
    return ctx


def calling_net():
    """The network context of the code calling ``js.fetch`` now (the gate asks, synchronously), or ``None``."""
    return _context.current_net.get()


def start_run(module_key, class_name, host, run_key, virtual):
    """Start ``run()`` of ``class_name`` for one wake of an instance."""
    mod = _modules[module_key]
    cls = mod.classes[class_name]
    run = _Run(run_key, host, bool(virtual))
    _runs[run_key] = run
    sink = _stdout.LogSink(host.log, whole_lines=False)
    run.task = _start_task(_main(run, mod, cls, sink), _new_context(run, sink, getattr(host, "net", None)))


async def _main(run, mod, cls, sink):
    host = run.host
    try:
        event = _event(host.eventJson)
        run.env = Env(mod.env_host, mod.binding_names)
        _context.current_env.set(run.env)
        instance = cls(ExecutionContext(), run.env)
        result = instance.run(event, WorkflowStep(run, legacy=mod.legacy))
        if inspect.isawaitable(result):
            result = await result
        payload = to_json(result)
    except UnserialisableError as exc:
        sink.close()
        if not run.evicted:
            host.invalid(json.dumps(exc.problem))
    except BaseException as exc:  # noqa: BLE001 - reported to the engine; eviction reports nothing
        sink.close()
        if not run.evicted:
            host.reject(error_name(exc), error_message(exc), format_traceback(exc))
    else:
        sink.close()
        if not run.evicted:
            host.resolve(payload)
    finally:
        _runs.pop(run.key, None)


def evict_run(run_key):
    """Stop a run the engine evicted: cancel its Task and its step attempts; report nothing."""
    run = _runs.pop(run_key, None)
    if run is None:
        return
    run.evicted = True
    for key, (owner, task) in list(_attempts.items()):
        if owner is run and task is not None:
            task.cancel()
            _attempts.pop(key, None)
    if run.task is not None:
        run.task.cancel()


def start_attempt(run_key, call_id, attempt_key, attempt):
    """Run one attempt of a step call the engine asked for."""
    run = _runs.get(run_key)
    call = run.calls.get(call_id) if run is not None else None
    if call is None:
        attempt.reject("BugIndicatingError", f"step call {call_id} of run {run_key} is not pending", "")
        return
    sink = _stdout.LogSink(attempt.log)
    entry = [run, None]
    _attempts[attempt_key] = entry
    context = _new_context(run, sink, getattr(attempt, "net", None), True)
    # self.env binding calls of this attempt are journaled with it (the JS side's attempt.binding).
    context.run(_context.current_recorder.set, getattr(attempt, "binding", None))
    entry[1] = _start_task(_attempt(run, call, json.loads(attempt.ctxJson), attempt, sink, attempt_key), context)
    if entry[1].done():
        _attempts.pop(attempt_key, None)


async def _attempt(run, call, ctx, attempt, sink, attempt_key):
    name, func, values = call
    try:
        override = _context.attempt_override
        replacement = override(run.instance_id(), name, ctx["attempt"]) if override is not None else None
        if replacement is None:
            replacement = _file_mock(getattr(attempt, "mockJson", None))
        result = replacement() if replacement is not None else func(*[ctx if v is _CTX else v for v in values])
        if inspect.isawaitable(result):
            result = await result
        payload = to_json(result)
    except asyncio.CancelledError as exc:
        sink.close()
        # Cancelled by the engine (timeout) or by eviction: the engine has moved on, report nothing.
        # A CancelledError the user's own code raised is an ordinary failure.
        if not asyncio.current_task().cancelling():
            attempt.reject(error_name(exc), error_message(exc), format_traceback(exc))
    except UnserialisableError as exc:
        sink.close()
        attempt.invalid(json.dumps(exc.problem))
    except BaseException as exc:  # noqa: BLE001 - every failure of user code is an attempt failure
        sink.close()
        attempt.reject(error_name(exc), error_message(exc), format_traceback(exc))
    else:
        sink.close()
        attempt.resolve(payload)
    finally:
        _attempts.pop(attempt_key, None)


def _file_mock(mock_json):
    """The replacement for an attempt the workflow file's mocks answer (``{"value"}`` or ``{"raise", "message"}``,
    chosen by the host from ``steps`` of the mocks document), as ``workers.testing``'s mocks are; else ``None``."""
    if mock_json is None:
        return None
    mock = json.loads(mock_json)
    if "value" in mock:
        return lambda: mock["value"]
    error = _exception_class(mock["raise"])(mock["message"])

    def fail():
        raise error

    return fail


def _exception_class(name):
    """A built-in exception class, ``NonRetryableError``, or a new ``Exception`` subclass with that name."""
    import builtins  # noqa: PLC0415

    from .workflows import NonRetryableError  # noqa: PLC0415

    if name == "NonRetryableError":
        return NonRetryableError
    found = getattr(builtins, name, None)
    if isinstance(found, type) and issubclass(found, Exception):
        return found
    # Named as the user wrote it in tracebacks and folded messages, not as a class of this module.
    return type(name, (Exception,), {"__module__": "builtins"})


def cancel_attempt(attempt_key):
    """Cancel one running attempt (the engine timed it out)."""
    entry = _attempts.pop(attempt_key, None)
    if entry is not None and entry[1] is not None:
        entry[1].cancel()


def stats():
    """Counts of live registries (tests use it to check that nothing leaks)."""
    return json.dumps({"modules": len(_modules), "runs": len(_runs), "attempts": len(_attempts)})
