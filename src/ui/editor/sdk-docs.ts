/**
 * Documentation of the Cloudflare Workflows Python SDK as the editor shows it (completions and hovers).
 * Wording follows Cloudflare's Python Workflows API reference and the studio's rules in docs/semantics.md.
 * Markdown; code in backticks.
 */

/** `${n:text}`, a Monaco snippet tab stop (built so no string literal looks like a template placeholder). */
const tab = (n: number, text: string) => `$${'{'}${n}:${text}}`;

/** One documented SDK name. */
export interface SdkDoc {
  /** What is inserted (a Monaco snippet when it has `${…}` placeholders). */
  insert: string;
  /** The short signature shown beside the completion. */
  detail: string;
  /** Markdown shown in the completion details and on hover. */
  doc: string;
}

/** `step.*` methods. */
export const STEP_METHODS: Record<string, SdkDoc> = {
  do: {
    insert: `do(${1})`,
    detail: 'step.do(name=None, *, concurrent=False, config=None)',
    doc: [
      'Decorator that defines a **step**. The decorator does not run it: call the decorated function (`await my_step()`) to run it.',
      '',
      '- `name` — the step name; defaults to the function name. The journal caches the result under (name, count).',
      '- `concurrent` — resolve dependency steps together (`asyncio.gather`) instead of in parameter order.',
      '- `config` — `{"retries": {"limit", "delay", "backoff"}, "timeout"}`; default 5 retries, 10 s apart, exponential, 10-minute timeout.',
      '',
      'Parameters named like an earlier step receive its result; a parameter named `ctx` receives the step context.',
      'The result must be JSON-serialisable and at most 1 MiB.',
    ].join('\n'),
  },
  sleep: {
    insert: `sleep("${tab(1, 'name')}", "${tab(2, '10 seconds')}")`,
    detail: 'step.sleep(name, duration)',
    doc: [
      'Sleeps durably. `duration` is a string such as `"10 seconds"` (second, minute, hour, day, week, month, year) or a number of **milliseconds** (what Cloudflare\'s runtime reads, though its Python docs say seconds: `sleep("x", 10)` sleeps 10 ms).',
      '',
      'An unfinished sleep ends the current run; when it is over, `run()` replays from the top and finished steps come from the journal. At most 365 days.',
    ].join('\n'),
  },
  sleep_until: {
    insert: `sleep_until("${tab(1, 'name')}", ${tab(2, 'timestamp')})`,
    detail: 'step.sleep_until(name, timestamp)',
    doc: "Sleeps until `timestamp`: a `datetime.datetime` or **milliseconds** since the Unix epoch (as Cloudflare's runtime reads it; epoch seconds land in 1970). A time in the past is an error.",
  },
  wait_for_event: {
    insert: `wait_for_event("${tab(1, 'name')}", "${tab(2, 'event-type')}", timeout="${tab(3, '24 hours')}")`,
    detail: 'step.wait_for_event(name, event_type, timeout="24 hours")',
    doc: [
      'Waits for an event of `event_type` sent to this instance (`instance.send_event(...)`, or **Send event** in the studio).',
      '',
      'Returns `{"payload", "timestamp", "type"}` (also as attributes). Events sent before the wait are queued and consumed in order. On timeout raises (catchable) what the RPC of Cloudflare makes of `WorkflowTimeoutError`: an exception whose `str()` is `Error: WorkflowTimeoutError: …`. Max timeout 365 days.',
    ].join('\n'),
  },
};

/** Keys of the `event` argument of `run()`. */
export const EVENT_KEYS: Record<string, string> = {
  payload: 'The params the instance was created with (`{}` when none).',
  timestamp: 'When the instance was created (a `datetime`).',
  instanceId: 'The id of this workflow instance.',
  workflowName: 'The name of the workflow (the kebab-case class name).',
};

/** Keys of the step context `ctx`. */
export const CTX_KEYS: Record<string, string> = {
  step: 'Dict with `name` (the step name) and `count` (how many times step.do was called with this name, from 1).',
  attempt: 'The current attempt number, from 1.',
  config: 'The resolved retry and timeout configuration of this step.',
};

/** Keys of `ctx["step"]`. */
export const CTX_STEP_KEYS: Record<string, string> = {
  name: 'The step name.',
  count: 'How many times step.do has been called with this name in this run (1, 2, …).',
};

/** Keys of a step `config`. */
export const CONFIG_KEYS: Record<string, SdkDoc> = {
  retries: {
    insert: `"retries": {"limit": ${tab(1, '3')}, "delay": "${tab(2, '10 seconds')}", "backoff": "${tab(3, 'exponential')}"}`,
    detail: 'retries: {limit, delay, backoff?}',
    doc: 'Retry policy. Needs both `limit` (retries after the first attempt, ≥ 0, may be `float("inf")`) and `delay`; `backoff` defaults to exponential.',
  },
  timeout: {
    insert: `"timeout": "${tab(1, '10 minutes')}"`,
    detail: 'timeout: duration',
    doc: 'Per-attempt timeout (default 10 minutes). A timed-out attempt fails with `WorkflowTimeoutError` and is retried like any failure.',
  },
};

/** Keys of `config["retries"]`. */
export const RETRY_KEYS: Record<string, SdkDoc> = {
  limit: {
    insert: `"limit": ${tab(1, '3')}`,
    detail: 'limit: int ≥ 0',
    doc: 'How many times to retry after the first attempt: `limit + 1` attempts in all.',
  },
  delay: {
    insert: `"delay": "${tab(1, '10 seconds')}"`,
    detail: 'delay: duration',
    doc: 'Wait before the next attempt: a duration string or a number of milliseconds. Grows with `backoff`.',
  },
  backoff: {
    insert: `"backoff": "$${'{'}1|exponential,linear,constant|}"`,
    detail: 'backoff: "constant" | "linear" | "exponential"',
    doc: 'After failed attempt n wait `delay` (constant), `delay × n` (linear) or `delay × 2^(n−1)` (exponential, the default).',
  },
};

/** Backoff values. */
export const BACKOFFS = ['exponential', 'linear', 'constant'] as const;

/** Duration strings offered inside a duration argument. */
export const DURATIONS = ['10 seconds', '1 minute', '5 minutes', '1 hour', '24 hours', '1 day', '1 week'] as const;

/** Names worth a hover outside `step.`. */
export const GLOBAL_DOCS: Record<string, string> = {
  WorkflowEntrypoint:
    '`class MyWorkflow(WorkflowEntrypoint)` with `async def run(self, event, step)`: the entry point of a Python workflow. Import it with `from workers import WorkflowEntrypoint`.',
  NonRetryableError:
    '`from workers.workflows import NonRetryableError` — raise it in a step to fail the step at once, without retries. Uncaught in `run()`, the instance errors.',
};
