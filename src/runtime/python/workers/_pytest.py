"""A small ``pytest`` of our own for ``workflow-studio test``: test files written for pytest import it as
``pytest`` (``workers._test_host`` registers it in ``sys.modules``). It holds what test files call; collection,
fixtures and running live in ``workers._collect``.

Supported: ``mark.asyncio``, ``mark.parametrize`` (with ``param(..., id=, marks=)``), ``mark.skip``,
``mark.skipif``, ``mark.usefixtures``, ``raises(Exc, match=...)``, ``skip``, ``fail``, ``approx``, ``fixture``
(function, module and session scope; async; ``yield`` with teardown; ``autouse``; ``name``). Anything else is
named once in the report (``unsupported``) and ignored, or fails the one test that calls it.
"""

import math
import re

# ``shared_env``: workflow-studio's own mark; the tests of a file that carry it share one env storage
# (``workers.env``) instead of each starting empty (src/cli/test-env.ts).
SUPPORTED_MARKS = ("asyncio", "parametrize", "skip", "skipif", "usefixtures", "shared_env")

unsupported = []  # feature names, each once, in the order first met (the report lists them)


def note_unsupported(feature):
    if feature not in unsupported:
        unsupported.append(feature)


class _Outcome(BaseException):
    """Like pytest's ``OutcomeException``: not an ``Exception``, so ``except Exception`` in a test lets it by."""

    def __init__(self, msg=""):
        super().__init__(msg)
        self.msg = msg


class Skipped(_Outcome):
    pass


class Failed(_Outcome):
    pass


def skip(reason="", *, allow_module_level=False):
    """Ends the test (or, at module level with ``allow_module_level=True``, the file) as skipped."""
    raise Skipped(reason)


skip.Exception = Skipped


def fail(reason="", pytrace=True):
    """Fails the test with ``reason``."""
    raise Failed(reason)


fail.Exception = Failed


class Mark:
    def __init__(self, name, args, kwargs):
        self.name = name
        self.args = args
        self.kwargs = kwargs

    def __repr__(self):
        return f"Mark(name={self.name!r}, args={self.args!r}, kwargs={self.kwargs!r})"


class MarkDecorator:
    """``pytest.mark.NAME`` or ``pytest.mark.NAME(args)``: decorates a test (or is listed in ``pytestmark``)."""

    def __init__(self, mark):
        self.mark = mark

    @property
    def name(self):
        return self.mark.name

    def __call__(self, *args, **kwargs):
        if len(args) == 1 and not kwargs and callable(args[0]):  # as pytest: one callable is what it decorates
            func = args[0]
            func.pytestmark = [*getattr(func, "pytestmark", []), self.mark]
            return func
        return MarkDecorator(Mark(self.mark.name, self.mark.args + args, {**self.mark.kwargs, **kwargs}))

    def __repr__(self):
        return f"<MarkDecorator {self.mark!r}>"


class _MarkGenerator:
    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in SUPPORTED_MARKS:
            note_unsupported(f"pytest.mark.{name}")
        return MarkDecorator(Mark(name, (), {}))


mark = _MarkGenerator()


class ParameterSet:
    def __init__(self, values, id, marks):  # noqa: A002 - pytest's name
        self.values = values
        self.id = id
        self.marks = [m.mark if isinstance(m, MarkDecorator) else m for m in marks]


def param(*values, id=None, marks=()):  # noqa: A002 - pytest's name
    """One row of ``parametrize`` with its own ``id`` and ``marks`` (e.g. ``pytest.mark.skip``)."""
    return ParameterSet(values, id, marks if isinstance(marks, (list, tuple)) else (marks,))


class FixtureDef:
    def __init__(self, func, scope, autouse, name):
        self.func = func
        self.scope = scope
        self.autouse = autouse
        self.name = name or func.__name__


_SCOPES = ("function", "module", "session")


def fixture(fixture_function=None, *, scope="function", params=None, autouse=False, ids=None, name=None):
    """Declares a fixture: tests (and other fixtures) naming it as a parameter get its value; a ``yield``
    fixture's code after the ``yield`` runs when its scope ends. Async fixtures are awaited."""
    if scope in ("class", "package"):
        note_unsupported(f"fixture scope {scope!r} (run as 'module')")
        scope = "module"
    elif scope not in _SCOPES:
        raise ValueError(f"fixture scope must be one of {', '.join(_SCOPES)}, not {scope!r}")
    if params is not None:
        note_unsupported("fixture params")

    def wrap(func):
        func._ws_fixture = FixtureDef(func, scope, autouse, name)
        return func

    return wrap(fixture_function) if fixture_function is not None else wrap


class ExceptionInfo:
    """What ``with pytest.raises(...) as info`` gives: ``info.value``, ``info.type``, ``info.match(regex)``."""

    def __init__(self):
        self.value = None
        self.type = None
        self.tb = None

    def match(self, regexp):
        text = str(self.value)
        if not re.search(regexp, text):
            raise AssertionError(f"Regex pattern did not match.\n Regex: {regexp!r}\n Input: {text!r}")
        return True

    def __repr__(self):
        return f"<ExceptionInfo {self.value!r}>"


class _Raises:
    def __init__(self, expected, match):
        self.expected = expected
        self.match = match
        self.info = ExceptionInfo()

    def __enter__(self):
        return self.info

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            fail(f"DID NOT RAISE {_names(self.expected)}")
        if not issubclass(exc_type, self.expected):
            return False  # a different exception propagates, as in pytest
        self.info.value, self.info.type, self.info.tb = exc, exc_type, tb
        if self.match is not None:
            self.info.match(self.match)
        return True


def _names(expected):
    if isinstance(expected, tuple):
        return "(" + ", ".join(e.__name__ for e in expected) + ")"
    return f"<class '{expected.__name__}'>"


def raises(expected_exception, *args, match=None, **kwargs):
    """``with pytest.raises(ValueError, match="bad"):`` passes when the block raises it (``match`` is searched
    in ``str(exception)``); ``pytest.raises(ValueError, func, *args)`` calls ``func`` instead."""
    types_ = expected_exception if isinstance(expected_exception, tuple) else (expected_exception,)
    if not types_ or not all(isinstance(t, type) and issubclass(t, BaseException) for t in types_):
        raise TypeError(f"expected exception must be a BaseException type, not {expected_exception!r}")
    ctx = _Raises(expected_exception, match)
    if not args:
        return ctx
    with ctx:
        args[0](*args[1:], **kwargs)
    return ctx.info


def warns(*args, **kwargs):
    note_unsupported("pytest.warns")
    raise NotImplementedError("pytest.warns is not supported by workflow-studio test")


def importorskip(modname, minversion=None, reason=None):
    import importlib

    try:
        return importlib.import_module(modname)
    except ImportError:
        skip(reason or f"could not import {modname!r}")


class ApproxBase:
    def __init__(self, expected, rel, abs_):
        self.expected = expected
        self.rel = rel
        self.abs = abs_

    def _tolerance(self, expected):
        abs_ = 1e-12 if self.abs is None else self.abs
        rel = 1e-6 if self.rel is None else self.rel
        return max(rel * abs(expected), abs_)

    def _close(self, actual, expected):
        if isinstance(expected, (list, tuple)):
            return (
                isinstance(actual, (list, tuple))
                and len(actual) == len(expected)
                and all(self._close(a, e) for a, e in zip(actual, expected))
            )
        if isinstance(expected, dict):
            return (
                isinstance(actual, dict)
                and actual.keys() == expected.keys()
                and all(self._close(actual[k], v) for k, v in expected.items())
            )
        if isinstance(expected, bool) or not isinstance(expected, (int, float)):
            return actual == expected
        if isinstance(actual, bool) or not isinstance(actual, (int, float)):
            return False
        if math.isinf(expected) or math.isnan(expected):
            return actual == expected
        return abs(actual - expected) <= self._tolerance(expected)

    def __eq__(self, actual):
        return self._close(actual, self.expected)

    __hash__ = None

    def _one(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isinf(value):
            return repr(value)
        return f"{value} ± {self._tolerance(value):.1e}"

    def __repr__(self):
        e = self.expected
        if isinstance(e, dict):
            return "approx({" + ", ".join(f"{k!r}: {self._one(v)}" for k, v in e.items()) + "})"
        if isinstance(e, (list, tuple)):
            return f"approx({[self._one(v) for v in e]!r})".replace("'", "")
        return self._one(e)


def approx(expected, rel=None, abs=None, nan_ok=False):  # noqa: A002 - pytest's name
    """Equal within a tolerance: relative 1e-6 or absolute 1e-12 by default (numbers, lists, tuples, dicts)."""
    return ApproxBase(expected, rel, abs)


def __getattr__(name):
    # Any other pytest name (``pytest.warns`` is above): named in the report, and the test that uses it fails.
    if name.startswith("_"):
        raise AttributeError(name)
    note_unsupported(f"pytest.{name}")
    raise AttributeError(f"pytest.{name} is not supported by workflow-studio test")
