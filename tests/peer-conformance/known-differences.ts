/**
 * Where our engine and Cloudflare's local engine (miniflare) are known to differ, and why. Each cause is
 * explained once; each scenario that differs names its causes. The suite fails on a difference not listed
 * here, on a listed one that no longer occurs, and on a listed one that changed (both sides' observations
 * are snapshotted), so this list — and docs/fidelity.md, rendered from it — stay true. Fix a difference in the engine when it is small and ours is wrong; list it here when the difference is
 * chosen (or belongs to another layer), saying so.
 */
export const CAUSES = {
  errorNames:
    "Cloudflare's engine runs the workflow's run() and each step callback over workerd's RPC, which rebuilds an error as the built-in class its name names (Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError) and turns any other name into a prefix of the message. So what the engine throws into run() arrives as `Error('<name>: <message>')` (a step's `QuotaError`, the `WorkflowTimeoutError` of a step or a wait, the `WorkflowFatalError` of the step limit, a step name, a step config or a missing callback, a caught `NonRetryableError`), and what run() throws reaches status() the same way (`GiveUpError` → `Error('GiveUpError: run gave up')`); the engine itself recognises a NonRetryableError by that prefix, and workers-py's `_from_js_error` says the name \"either survives, or is folded into the message as a prefix\". Ours runs the workflow in the engine's own JavaScript realm, with no RPC between them, and keeps the name (the studio's history, inspector and CLI show it). This is the engine's TypeScript API only: the Python runtime folds the names as Cloudflare's RPC does where Python code sees them (a step's or a wait's timeout is a `JsException` named `Error`, `str(e)` `Error: WorkflowTimeoutError: …`; uncaught, it errors the instance as `Error` / `WorkflowTimeoutError: …`), then maps a failed step's error as workers-py's `_from_js_error` does.",
  errorNamesToCaller:
    "The binding's methods (create, createBatch, terminate, restart) are RPC calls into Cloudflare's engine too, so their `WorkflowError('…')` reaches the caller as `Error('WorkflowError: …')`; ours is called in-process and throws the `WorkflowError` itself to TypeScript callers; Python code gets it folded as on Cloudflare (a `JsException` named `Error`, `str(e)` `Error: WorkflowError: …`).",
  stepFailedClass:
    'A failed step rejects with our `StepFailedError`, which carries the original name and message (the Python runtime raises from it what `_from_js_error` in workers-py raises on Cloudflare); Cloudflare rethrows an instance of the built-in class itself.',
  statusWhileBlocked:
    "While an instance sleeps or waits for an event, Cloudflare's local engine reports `running`; Cloudflare's docs define `waiting` for that, which ours reports.",
  errorUndefined:
    "`status().error` is `undefined` on Cloudflare's local engine until the instance errors; ours is `null` (the engine API's documented shape; Python sees None either way). Other scenarios compare it with undefined read as null.",
  replayAfterSleep:
    "Cloudflare's local engine keeps run() alive across a sleep; ours ends the run and replays it from the journal when the sleep is over (as the hosted engine may after evicting an idle instance). Step bodies still run once.",
  eventTimestamp:
    'A received event has `timestamp` as a Date on Cloudflare; our engine API uses epoch milliseconds throughout (the Python runtime hands out a datetime).',
  eventPayloadNull:
    'sendEvent without a payload: the wait receives `undefined` on Cloudflare, `null` from ours (None in Python either way).',
  defaultDelay:
    "Default retry delay: Cloudflare's local engine waits 1000 ms; Cloudflare's docs say 10 seconds, which ours follows.",
  durationUnits:
    'Cloudflare\'s engine parses duration strings with the `ms` library, which also takes milliseconds ("40 milliseconds", "40 ms") and reads unknown units as milliseconds; ours accepts the units Cloudflare documents (second … year, decimals allowed) and refuses anything else with a message, so a typo never silently becomes milliseconds. Accepting a millisecond unit would also change the editor\'s duration rules.',
  detailedMessages:
    "Our messages keep Cloudflare's words and add which rule was broken (`Workflow instance has invalid id: it is 101 characters long; the maximum is 100`, `… is in a invalid format: retries.delay is required. See …`).",
  sendEventFinished:
    "sendEvent to a finished instance: Cloudflare's local engine accepts and drops it; ours refuses it with `(instance.cannot_send_event)`.",
  duplicateId:
    "create() with a taken id: Cloudflare's local engine returns the existing instance without a word; ours refuses it with `(instance.already_exists)`.",
  notFound:
    'get() of an unknown id: Cloudflare\'s local engine throws a bare `instance.not_found`; ours says `(instance.not_found) Workflow instance with id "…" not found`.',
  batchAtomic:
    "createBatch with one invalid id: Cloudflare's local engine creates the valid ones before it fails (it creates them one by one); ours checks the whole batch first and creates none.",
  jsonValues:
    "Our engine's TypeScript API journals JSON (undefined inside an object or array becomes null) and refuses other values (Date, typed arrays, Map, Set, NaN, ±Infinity, BigInt); Cloudflare's engine stores structured clones and its status() shows them through JSON (a Date as its ISO string, a Uint8Array as \"[Uint8Array(3 bytes)]\", a Map as {}, NaN as null; a BigInt fails the instance with `TypeError: Do not know how to serialize a BigInt`). Python values are converted by the runtime before they reach the engine, as Cloudflare's SDK converts them.",
  sizeLimits:
    "Cloudflare documents a 1 MiB limit on a step's result and on an instance's params; the local engine enforces neither (it stores a 1 MiB + 1 KiB result and params as they are), ours refuses both. So the local engine cannot tell whether an oversize result is catchable in run() on Cloudflare; its code reports a result its storage refuses as `WorkflowInternalError: Step <name>-<count> output is too large. Maximum allowed size is 1MiB.`, raised inside the attempt (so retried like a failure).",
  eventTypeCheck:
    'sendEvent with an empty type: the local engine accepts it (no wait can ever match it); ours refuses with "Event type must be a non-empty string".',
  maxDurations:
    'Cloudflare documents 365 days as the longest sleep and the longest event-wait timeout; the local engine does not check (a "366 days" sleep just runs), ours refuses it when the call is made.',
  newerConfig:
    'Cloudflare\'s engine (miniflare since mid-2026) takes two step-config fields ours does not know yet: `sensitive: "output"` (the result is redacted in logs and step outputs, as in production) and a function as `retries.delay` (called after each failed attempt for the next delay). Ours refuses both configs as invalid: a gap to close, not a choice.',
  streamResults:
    "Cloudflare's engine lets a step return a ReadableStream (stored in chunks, beyond the 1 MiB limit of other results, and replayed as a stream); ours refuses it as not serialisable: a gap to close, not a choice (the Python SDK has no streams).",
} as const;

export type Cause = keyof typeof CAUSES;

/** Scenario id → the causes of its difference. */
export const KNOWN_DIFFERENCES: Record<string, readonly Cause[]> = {
  'default-config': ['defaultDelay'],
  'retry-custom-error': ['errorNames'],
  'duration-milliseconds': ['durationUnits'],
  'timeout-retried': ['errorNames'],
  'timeout-caught': ['errorNames'],
  'non-retryable-caught': ['errorNames'],
  'error-caught-in-run': ['stepFailedClass'],
  'error-classes-crossing': ['stepFailedClass'],
  'run-throws': ['errorNames'],
  'event-before-wait': ['eventTimestamp'],
  'event-after-wait': ['statusWhileBlocked', 'eventTimestamp'],
  'event-timeout': ['errorNames'],
  'event-timeout-caught': ['errorNames'],
  'event-payload-default': ['eventPayloadNull', 'eventTimestamp'],
  'event-to-finished': ['sendEventFinished'],
  'event-type-empty': ['eventTypeCheck', 'errorNames'],
  'step-result-over-1mib': ['sizeLimits'],
  'step-readable-stream': ['streamResults'],
  'step-result-over-1mib-caught': ['sizeLimits'],
  'params-over-1mib': ['sizeLimits'],
  'restart-from-unknown': ['errorNamesToCaller'],
  'restart-drops-events': ['errorNames'],
  'sleep-replay': ['replayAfterSleep'],
  'sleep-status': ['statusWhileBlocked'],
  'step-limit-exceeded': ['errorNames'],
  'step-limit-caught': ['errorNames'],
  'invalid-instance-id': ['errorNamesToCaller', 'detailedMessages'],
  'instance-id-too-long': ['errorNamesToCaller', 'detailedMessages'],
  'duplicate-instance-id': ['duplicateId'],
  'unknown-instance': ['notFound'],
  'step-name-too-long': ['errorNames'],
  'config-missing-delay': ['errorNames', 'detailedMessages'],
  'config-unknown-key': ['errorNames', 'detailedMessages'],
  'config-timeout-zero': ['errorNames', 'detailedMessages'],
  'config-bad-duration': ['errorNames', 'detailedMessages'],
  'step-without-callback': ['errorNames'],
  'sleep-too-long': ['maxDurations'],
  'wait-timeout-too-long': ['maxDurations'],
  'config-delay-function': ['newerConfig'],
  'config-sensitive': ['newerConfig'],
  'terminate-finished': ['errorNamesToCaller'],
  'create-batch-empty': ['errorNamesToCaller'],
  'create-batch-bad-id': ['errorNamesToCaller', 'detailedMessages', 'batchAtomic'],
  'step-typed-array': ['jsonValues'],
  'step-date': ['jsonValues'],
  'step-nested-undefined': ['jsonValues'],
  'step-non-finite': ['jsonValues'],
  'step-map-set': ['jsonValues'],
  'step-bigint': ['jsonValues'],
  'run-date': ['jsonValues'],
  'run-typed-array': ['jsonValues'],
  'status-shape-waiting': ['statusWhileBlocked', 'errorUndefined'],
  'status-shape-running': ['errorUndefined'],
};
