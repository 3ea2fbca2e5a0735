"""Collection and fixtures for ``workflow-studio test`` (pytest's model, our own code; see ``workers._pytest``).

- ``collect(module, conftests)``: the test items of a loaded test file: each ``test_*`` function, once per
  ``parametrize`` row (ids as pytest makes them: ``test_add[1-2]``), with its skip reason when a ``skip`` or
  ``skipif`` mark (on the function, a ``param`` or the module's ``pytestmark``) applies.
- ``Fixtures``: the values of the fixtures a test names, made on first use per scope (function, module, session)
  and torn down (the code after a ``yield``) in reverse order when that scope ends.
"""

import inspect
import itertools

from . import _pytest


def _marks_of(value):
    marks = getattr(value, "pytestmark", [])
    if not isinstance(marks, (list, tuple)):
        marks = [marks]
    return [m.mark if isinstance(m, _pytest.MarkDecorator) else m for m in marks]


class Item:
    def __init__(self, id, func, params, marks, skip):  # noqa: A002
        self.id = id
        self.func = func
        self.params = params
        self.marks = marks
        self.skip = skip


def _idval(value, argname, index):
    if isinstance(value, str):
        return value.encode("unicode_escape").decode("ascii")
    if value is None or isinstance(value, (bool, int, float, complex)):
        return str(value)
    if isinstance(value, type) or inspect.isfunction(value):
        return value.__name__
    return f"{argname}{index}"


def _rows(mark):
    """``[(id, {argname: value}, marks)]`` of one ``parametrize`` mark."""
    if not mark.args:
        raise TypeError("parametrize() needs argnames and argvalues")
    argnames = mark.args[0]
    argvalues = mark.args[1] if len(mark.args) > 1 else mark.kwargs.get("argvalues")
    if argvalues is None:
        raise TypeError("parametrize() missing argvalues")
    names = [n.strip() for n in argnames.split(",") if n.strip()] if isinstance(argnames, str) else list(argnames)
    ids = mark.kwargs.get("ids")
    rows = []
    for index, row in enumerate(argvalues):
        marks, explicit = [], None
        if isinstance(row, _pytest.ParameterSet):
            marks, explicit, values = row.marks, row.id, row.values
        else:
            values = (row,) if len(names) == 1 else row
        values = tuple(values)
        if len(values) != len(names):
            raise ValueError(f"parametrize row {index} has {len(values)} values for {len(names)} names {names}")
        if explicit is None and ids is not None:
            explicit = ids(values[0] if len(values) == 1 else values) if callable(ids) else ids[index]
        if explicit is None:
            explicit = "-".join(_idval(v, n, index) for v, n in zip(values, names))
        rows.append((str(explicit), dict(zip(names, values)), marks))
    return rows


def _skip_reason(marks, module):
    for mark in marks:
        if mark.name == "skip":
            return mark.kwargs.get("reason", mark.args[0] if mark.args else "unconditional skip")
        if mark.name == "skipif":
            conditions = mark.args or (mark.kwargs.get("condition", False),)
            for condition in conditions:
                if isinstance(condition, str):
                    condition = eval(condition, dict(module.__dict__))  # noqa: S307 - pytest's string conditions
                if condition:
                    return mark.kwargs.get("reason", f"condition: {condition}")
    return None


def collect(module, conftests):
    """The module's test items in definition order (see the module docstring)."""
    module_marks = _marks_of(module)
    for conftest in conftests:
        for name in conftest.__dict__:
            if name.startswith("pytest_") and callable(conftest.__dict__[name]):
                _pytest.note_unsupported(f"conftest hook {name}")
    items = []
    for name, value in list(module.__dict__.items()):
        if isinstance(value, type) and name.startswith("Test") and value.__module__ == module.__name__:
            if getattr(value, "__test__", True):
                _pytest.note_unsupported(f"test classes ({name} is not collected)")
            continue
        if not (name.startswith("test_") and inspect.isfunction(value) and value.__module__ == module.__name__):
            continue
        marks = _marks_of(value) + module_marks
        grids = [_rows(m) for m in marks if m.name == "parametrize"]
        if not grids:
            items.append(Item(name, value, {}, marks, _skip_reason(marks, module)))
            continue
        seen = {}
        for combo in itertools.product(*grids):
            row_id = "-".join(r[0] for r in combo)
            params = {k: v for r in combo for k, v in r[1].items()}
            row_marks = [m for r in combo for m in r[2]] + marks
            items.append(Item(f"{name}[{row_id}]", value, params, row_marks, _skip_reason(row_marks, module)))
            seen[row_id] = seen.get(row_id, 0) + 1
        _unique_ids(items, name, seen)
    return items


def _unique_ids(items, name, seen):
    """pytest numbers ids that repeat: ``[a0]``, ``[a1]``."""
    counters = {}
    for item in items:
        if not item.id.startswith(name + "["):
            continue
        row_id = item.id[len(name) + 1 : -1]
        if seen.get(row_id, 0) > 1:
            n = counters.get(row_id, 0)
            counters[row_id] = n + 1
            item.id = f"{name}[{row_id}{n}]"


_BUILTIN = ("monkeypatch", "tmp_path", "tmpdir", "capsys", "capfd", "caplog", "request", "recwarn", "event_loop")


def _definitions(module, conftests):
    defs = {}
    for source in [*reversed(conftests), module]:  # the closest definition wins, the test file's own first
        for value in list(source.__dict__.values()):
            fixture = getattr(value, "_ws_fixture", None)
            if isinstance(fixture, _pytest.FixtureDef):
                defs[fixture.name] = fixture
    return defs


class FixtureError(Exception):
    pass


class Scope:
    """The fixture values of one scope (one test, one file, the session) and their teardowns."""

    def __init__(self):
        self.values = {}
        self.teardowns = []

    async def finish(self):
        """Runs the teardowns (newest first) and forgets the values; the first error is raised after every
        teardown ran, as ``FixtureError`` naming the fixture."""
        first = None
        teardowns, self.teardowns, self.values = self.teardowns, [], {}
        for name, teardown in reversed(teardowns):
            try:
                await teardown()
            except BaseException as exc:  # noqa: BLE001 - reported after the other teardowns ran
                if first is None:
                    first = (name, exc)
        if first is not None:
            name, exc = first
            raise FixtureError(f"teardown of fixture {name!r} failed: {type(exc).__name__}: {exc}") from exc


class Fixtures:
    """The module and session scopes of one run (the test host holds one); each test brings its own scope."""

    def __init__(self):
        self.scopes = {"session": Scope(), "module": Scope()}

    async def arguments(self, item, module, conftests, function_scope):
        """The keyword arguments of ``item``'s function: its parametrize values, then its fixtures."""
        defs = _definitions(module, conftests)
        wanted = [d.name for d in defs.values() if d.autouse]
        for mark in item.marks:
            if mark.name == "usefixtures":
                wanted += list(mark.args)
        params = list(inspect.signature(item.func).parameters)
        wanted += [p for p in params if p not in item.params]
        scopes = {**self.scopes, "function": function_scope}
        values = {}
        for name in wanted:
            values[name] = await _value(name, defs, item.params, scopes, ())
        return {p: item.params[p] if p in item.params else values[p] for p in params}


async def _value(name, defs, params, scopes, chain):
    if name in params:
        return params[name]
    fixture = defs.get(name)
    if fixture is None:
        if name in _BUILTIN:
            _pytest.note_unsupported(f"built-in fixture {name!r}")
        known = ", ".join(sorted(defs)) or "none"
        raise FixtureError(f"fixture {name!r} not found (available: {known})")
    if name in chain:
        raise FixtureError(f"fixture {name!r} depends on itself: {' -> '.join([*chain, name])}")
    scope = scopes[fixture.scope]
    if name in scope.values:
        return scope.values[name]
    args = {}
    for p in inspect.signature(fixture.func).parameters:
        args[p] = await _value(p, defs, params, scopes, (*chain, name))
    result = fixture.func(**args)
    if inspect.isasyncgen(result):
        value = await result.__anext__()
        scope.teardowns.append((name, _async_teardown(result)))
    elif inspect.isgenerator(result):
        value = next(result)
        scope.teardowns.append((name, _sync_teardown(result)))
    else:
        value = await result if inspect.isawaitable(result) else result
    scope.values[name] = value
    return value


def _sync_teardown(gen):
    async def teardown():
        try:
            next(gen)
        except StopIteration:
            return
        raise FixtureError("a fixture may yield only once")

    return teardown


def _async_teardown(gen):
    async def teardown():
        try:
            await gen.__anext__()
        except StopAsyncIteration:
            return
        raise FixtureError("a fixture may yield only once")

    return teardown
