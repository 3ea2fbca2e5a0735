"""Python's side of aiming the host's interrupts (the interrupt buffer's ``KeyboardInterrupt``) at the code they
are meant for: see ``route_interrupts``. Called once by the bridge (``src/runtime/python-runtime.ts``)."""

import asyncio

from . import _context


def route_interrupts(decide, swallow):
    """Raise the host's interrupts only in the code they are aimed at. Python's SIGINT handler (the interrupt
    buffer) asks ``decide(instance_id, where)`` whether the code running now is the target: ``instance_id`` of
    the run whose context it runs in (``None`` outside any run) and ``where`` one of ``"attempt"`` (a step
    attempt, or a task or callback it started), ``"run"`` (``run()``, or a task or callback it started),
    ``"import"`` (a module's top-level code) or ``"other"``. If not, nothing is raised and that code carries on.
    A ``KeyboardInterrupt`` that escapes an asyncio callback (the event loop would throw it into JavaScript)
    is dropped when ``swallow()`` says it stopped an instance the host is about to terminate, pause or delete."""
    import signal

    def on_sigint(signum, frame):
        run = _context.current_run.get()
        if run is not None:
            where = "attempt" if _context.in_attempt.get() else "run"
            instance = run.instance_id()
        else:
            where = "import" if _context.importing else "other"
            instance = None
        if decide(instance, where):
            raise KeyboardInterrupt

    def on_loop_interrupt():
        if not swallow():
            raise

    signal.signal(signal.SIGINT, on_sigint)
    asyncio.get_event_loop()._keyboard_interrupt_handler = on_loop_interrupt
