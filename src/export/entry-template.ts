/**
 * The Python appended to the user's workflow in `src/entry.py`: a `WorkerEntrypoint` named `Default` (the class
 * Cloudflare sends a Python Worker's HTTP requests to) that creates instances and reports their status. It
 * runs on Cloudflare's `workers` package and on the studio's; every helper name starts with `_` so nothing in the
 * user's module is rebound.
 */

/** One workflow of the project, with the names the studio's runtime and wrangler.jsonc give it. */
export interface ExportedWorkflow {
  className: string;
  /** kebab-case of the class name: wrangler `workflows[].name`, and `?workflow=` of the entrypoint. */
  workflowName: string;
  /** UPPER_SNAKE of the class name: `self.env.<binding>`. */
  binding: string;
}

/** The first line of the appended block; everything before it is the user's file, byte for byte. */
export const ENTRYPOINT_MARKER = '# ── Added by Workflow Studio (export) ';

const py = (value: string) => JSON.stringify(value);

/** A non-empty list. */
export type NonEmpty<T> = readonly [T, ...T[]];

/** The Python block that gives the Worker its HTTP entrypoint; the first workflow is the default one. */
export function entrypointBlock(workflows: NonEmpty<ExportedWorkflow>): string {
  const [first] = workflows;
  const bindings = workflows.map((w) => `    ${py(w.workflowName)}: ${py(w.binding)},`).join('\n');
  return `${ENTRYPOINT_MARKER}${'─'.repeat(80 - ENTRYPOINT_MARKER.length)}
# The Worker's HTTP entrypoint. Your workflow code above is unchanged.
#   POST /                JSON body = params (event["payload"]) -> 201 {"id", "workflow"}: starts an instance
#   POST /?id=ID          the same, with your own instance id
#   GET  /?id=ID          -> 200 {"id", "workflow", "status", "output", "error"}
#   add &workflow=NAME    to use another workflow than ${py(first.workflowName)}
import inspect as _inspect
import json as _json
from urllib.parse import parse_qs as _parse_qs
from urllib.parse import urlparse as _urlparse

from js import Object as _Object
from pyodide.ffi import to_js as _to_js
from workers import Response as _Response
from workers import WorkerEntrypoint as _WorkerEntrypoint

_BINDINGS = {
${bindings}
}
_DEFAULT_WORKFLOW = ${py(first.workflowName)}
_USAGE = [
    "POST / with JSON params as the body starts an instance; add ?id=ID to choose its id",
    "GET /?id=ID returns its status",
    "add &workflow=NAME to use another workflow",
]


def _json_response(data, status=200):
    body = _json.dumps(data, default=str)
    return _Response(body, status=status, headers={"content-type": "application/json"})


async def _to_plain(value):
    # Cloudflare's binding returns JS objects (status() may still be a promise); the studio's, Python dicts.
    if _inspect.isawaitable(value):
        value = await value
    to_py = getattr(value, "to_py", None)
    return to_py() if callable(to_py) else value


class Default(_WorkerEntrypoint):
    async def fetch(self, request):
        query = _parse_qs(_urlparse(request.url).query)
        workflow = query.get("workflow", [_DEFAULT_WORKFLOW])[0]
        if workflow not in _BINDINGS:
            known = ", ".join(_BINDINGS)
            return _json_response({"error": f"unknown workflow {workflow!r}; choose one of: {known}"}, 404)
        binding = getattr(self.env, _BINDINGS[workflow])
        instance_id = query.get("id", [None])[0]
        if request.method == "POST":
            text = await request.text()
            try:
                params = _json.loads(text) if text.strip() else {}
            except ValueError as exc:
                return _json_response({"error": f"the request body must be JSON params: {exc}"}, 400)
            options = {"params": params}
            if instance_id is not None:
                options["id"] = instance_id
            try:
                instance = await binding.create(_to_js(options, dict_converter=_Object.fromEntries))
            except Exception as exc:  # e.g. an invalid or taken instance id
                return _json_response({"error": str(exc)}, 400)
            return _json_response({"id": str(instance.id), "workflow": workflow}, 201)
        if request.method == "GET" and instance_id is not None:
            try:
                instance = await binding.get(instance_id)
                status = dict(await _to_plain(await instance.status()))
            except Exception as exc:  # e.g. no instance with this id
                return _json_response({"error": str(exc)}, 404)
            return _json_response({"id": instance_id, "workflow": workflow, **status})
        if request.method == "GET":
            return _json_response({"usage": _USAGE, "workflows": list(_BINDINGS)})
        return _json_response({"error": "use POST to start an instance or GET ?id=ID for its status"}, 405)
`;
}
