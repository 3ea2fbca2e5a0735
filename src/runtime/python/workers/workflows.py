"""Workflow-specific exceptions: ``from workers.workflows import NonRetryableError``."""


class NonRetryableError(Exception):
    """Raise inside a step to fail it at once: the step is not retried, whatever its config says.

    The error reaches ``run()`` as a ``NonRetryableError`` whose ``str()`` is the original message; if
    ``run()`` does not catch it, the instance errors.
    """
