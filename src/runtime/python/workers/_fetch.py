"""``workers.fetch``: Cloudflare's ``fetch(resource, **options)``, through the studio's network gate.

As in Cloudflare's SDK it calls ``pyodide.http.pyfetch`` (whose ``js.fetch`` is the gate: see
``src/runtime/network-gate.ts``), accepts a URL or a ``js.Request`` and an ``http.HTTPMethod`` as ``method``,
and returns a ``FetchResponse``: ``status``, ``ok``, ``url``, ``headers`` (an ``email.message.Message``, as
Cloudflare's), ``await text()`` / ``json()`` / ``bytes()``, ``body`` and ``js_object`` (the JS ``Response``).
A request the gate refuses raises ``NonRetryableError`` naming method and URL, so its step fails at once.
"""

from email.message import Message
from http import HTTPMethod


def _headers(js_headers):
    message = Message()
    for pair in js_headers.entries():
        message[pair[0]] = pair[1]
    return message


def _response_class():
    # pyodide.http imports from js: only after workers._sandbox.install() (see there), so not at import time.
    import pyodide.http  # noqa: PLC0415

    class FetchResponse(pyodide.http.FetchResponse):
        """The response of ``workers.fetch``: pyodide's ``FetchResponse`` with Cloudflare's additions."""

        @property
        def js_object(self):
            return self.js_response

        @property
        def body(self):
            body = self.js_response.body
            return None if body is None or str(body) == "null" else body

        @property
        def headers(self):
            return _headers(self.js_response.headers)

        def __repr__(self):
            return f"FetchResponse(status={self.status}, url={self.url!r})"

    return FetchResponse


_FetchResponse = None


async def fetch(resource, **other_options):
    """Sends ``resource`` (a URL or a ``js.Request``) through the studio's network gate."""
    global _FetchResponse  # noqa: PLW0603 - made once, on first use
    import pyodide.http  # noqa: PLC0415

    if _FetchResponse is None:
        _FetchResponse = _response_class()
    if isinstance(other_options.get("method"), HTTPMethod):
        other_options["method"] = other_options["method"].value
    response = await pyodide.http.pyfetch(resource, **other_options)
    response.__class__ = _FetchResponse  # the same object (request, abort signal), with the additions
    return response
