"""``print()`` capture per step attempt (and per run), safe with concurrent steps.

``sys.stdout``/``sys.stderr`` are replaced once by writers that look up the current sink in a
``ContextVar``. Each attempt task runs in its own context, so two concurrent steps never mix their output;
code outside any workflow run writes to the real streams.
"""

import io
import sys

from . import _context


class LogSink:
    """Collects text and hands it to ``emit`` one or more whole lines at a time (an attempt's ``logs`` are
    lines), or, with ``whole_lines=False``, as written: ``run()``'s own output, which the engine joins per run,
    so a line without a newline is kept even when the run is evicted right after it."""

    __slots__ = ("_emit", "_buffer", "_whole_lines", "closed")

    def __init__(self, emit, whole_lines=True):
        self._emit = emit
        self._buffer = []
        self._whole_lines = whole_lines
        self.closed = False

    def write(self, text):
        if self.closed:
            return
        if not self._whole_lines:
            if text:
                self._emit(text)
            return
        self._buffer.append(text)
        if "\n" in text:
            joined = "".join(self._buffer)
            cut = joined.rindex("\n") + 1
            self._buffer = [joined[cut:]] if cut < len(joined) else []
            self._emit(joined[:cut])

    def close(self):
        """Emit what is left (a last line without newline) and stop accepting text."""
        if self.closed:
            return
        rest = "".join(self._buffer)
        self._buffer = []
        self.closed = True
        if rest:
            self._emit(rest)


class Capture:
    """What one test of ``workflow-studio test`` prints (the sink of its Task's context)."""

    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)


#: While ``workflow-studio test`` runs a test: its ``Capture``, which also gets what the workflow runs and step
#: attempts print (they still journal it too), as pytest captures everything a test prints. Another test's
#: ``Capture`` (one the runner gave up on, unwinding) never feeds it.
tee = None


class _ContextWriter(io.TextIOBase):
    def __init__(self, fallback):
        self._fallback = fallback

    def writable(self):
        return True

    def write(self, text):
        sink = _context.current_sink.get()
        if sink is None:
            sink = tee
            if sink is None:
                return self._fallback.write(text)
        sink.write(text)
        if tee is not None and not isinstance(sink, Capture):
            tee.write(text)
        return len(text)

    def flush(self):
        if _context.current_sink.get() is None:
            self._fallback.flush()

    @property
    def encoding(self):
        return "utf-8"

    def isatty(self):
        return False


def install():
    """Route ``sys.stdout`` and ``sys.stderr`` through the current sink (idempotent)."""
    if not isinstance(sys.stdout, _ContextWriter):
        sys.stdout = _ContextWriter(sys.stdout)
    if not isinstance(sys.stderr, _ContextWriter):
        sys.stderr = _ContextWriter(sys.stderr)
