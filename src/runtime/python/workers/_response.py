"""A small ``Response`` for ``WorkerEntrypoint.fetch`` handlers (the studio does not serve HTTP)."""

import json


class Response:
    """An HTTP response: ``Response("text", status=200, headers={...})`` or ``Response.json(data)``."""

    def __init__(self, body=None, status=200, status_text="", headers=None):
        self.body = body
        self.status = status
        self.status_text = status_text
        self.headers = dict(headers or {})

    @staticmethod
    def json(data, status=200, status_text="", headers=None):
        merged = {"content-type": "application/json", **dict(headers or {})}
        return Response(json.dumps(data), status=status, status_text=status_text, headers=merged)

    async def text(self):
        if self.body is None:
            return ""
        if isinstance(self.body, (bytes, bytearray, memoryview)):
            return bytes(self.body).decode("utf-8", errors="replace")
        return str(self.body)

    def __repr__(self):
        return f"<Response {self.status}>"
