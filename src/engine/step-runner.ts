/**
 * Executes a `step.do` that the journal has not finished: attempts (limit + 1 in total), the per-attempt
 * timeout, backoff between attempts (a retry delay blocks the run like a sleep, so it may be evicted), and the
 * outcome rules — NonRetryableError fails at once, an exhausted step journals and throws the original error,
 * a result that is not JSON errors the instance, and one over 1 MiB fails its attempt (as on Cloudflare).
 */
import { safely } from './async-utils';
import { isNonRetryable, type SerializedError, StepFailedError, serializeError } from './errors';
import type { StepView } from './instance-view';
import type { BindingCall, CallRef } from './journal';
import { cloneJson, type Json, MAX_VALUE_BYTES, toJson } from './json';
import { messages } from './messages';
import type { RequestRecord } from './mocks';
import { createOutputCap } from './output-cap';
import type { Run } from './run';
import { type ResolvedStepConfig, retryDelayMs, timeoutMs } from './step-config';
import type { StepFn } from './types';

type AttemptOutcome = ({ ok: true; value: unknown } | { ok: false; error: SerializedError }) & {
  logs: string[];
  /** The attempt's request list (`requests` of its journal entry), when it made any. */
  requests?: RequestRecord[];
  /** The `self.env` binding calls the attempt made, when it made any. */
  bindings?: BindingCall[];
};

/** Binding calls journaled per attempt; later ones are counted in one last `{op: 'truncated'}` record. */
export const MAX_BINDING_CALLS = 200;

/** What an attempt's journal entry carries besides its result: its requests and binding calls, when any. */
function attemptRecords(outcome: AttemptOutcome): { requests?: RequestRecord[]; bindings?: BindingCall[] } {
  return {
    ...(outcome.requests ? { requests: outcome.requests } : {}),
    ...(outcome.bindings ? { bindings: outcome.bindings } : {}),
  };
}

/** Runs (or continues) the step `ref` until it succeeds or fails for good. @internal */
export async function runStep(run: Run, ref: CallRef, config: ResolvedStepConfig, fn: StepFn): Promise<Json> {
  const { ledger, env } = run.machine;
  const { name, count } = ref;
  let step = ledger.lookup(ref) as StepView | undefined;
  if (!step) {
    await run.gate();
    run.inFlight += 1;
    await run.commit([
      { type: 'step-started', name, count, config },
      { type: 'attempt-started', name, count, attempt: 1 },
    ]);
    step = ledger.lookup(ref) as StepView;
  } else if (step.attempts.at(-1)?.outcome === 'running') {
    await failLostAttempt(run, step);
  }
  for (;;) {
    const last = step.attempts.at(-1);
    if (!last || last.outcome === 'succeeded') return cloneJson(step.result);
    if (last.outcome === 'failed') {
      if (last.retryAt === null) throw new StepFailedError(step.error ?? (last.error as SerializedError));
      await run.blockUntil(ref, last.retryAt);
      await run.gate();
      run.inFlight += 1;
      await run.commit([{ type: 'attempt-started', name, count, attempt: last.attempt + 1 }]);
      continue;
    }
    const attempt = last.attempt;
    let outcome = await executeAttempt(run, step, attempt, fn);
    if (outcome.ok) {
      const json = toJson(outcome.value);
      if (!json.ok) {
        const problem = messages.resultNotSerialisable(name, json.reason);
        return run.machine.failRunOnResult(run, ref, attempt, problem, outcome.logs);
      }
      const { logs } = outcome;
      const records = attemptRecords(outcome);
      if (json.bytes <= MAX_VALUE_BYTES) {
        // Output gate: stored with the next durable commit, before any later step body runs (journal-writer.ts).
        const succeeded = {
          type: 'step-succeeded',
          name,
          count,
          attempt,
          result: json.value,
          logs,
          ...records,
        } as const;
        await run.machine.attemptEnded(run, [succeeded], 'deferred');
        return cloneJson(json.value);
      }
      // Cloudflare's storage refuses it (SQLITE_TOOBIG) inside the attempt: the attempt fails, is retried, and
      // the error is thrown into run(), where it can be caught (workers-sdk context.ts).
      const error = { name: 'WorkflowInternalError', message: messages.resultTooLarge(name, count, json.bytes) };
      outcome = { ok: false, error, logs, ...records };
    }
    const { error, logs } = outcome;
    const retry = !isNonRetryable(error) && attempt <= step.config.retries.limit;
    const retryAt = retry ? env.clock.now() + retryDelayMs(step.config, attempt) : null;
    const failed = {
      type: 'attempt-failed',
      name,
      count,
      attempt,
      error,
      retryAt,
      logs,
      ...attemptRecords(outcome),
    } as const;
    if (retry) {
      await run.machine.attemptEnded(run, [failed]);
      continue;
    }
    await run.machine.attemptEnded(run, [failed, { type: 'step-failed', name, count, error }]);
    throw new StepFailedError(error);
  }
}

/** An attempt that was in flight when the engine died: journal it as failed, retrying at once if allowed. */
async function failLostAttempt(run: Run, step: StepView): Promise<void> {
  const last = step.attempts.at(-1);
  if (!last) return;
  const error = { name: 'WorkflowInternalError', message: messages.attemptLost() };
  const retry = last.attempt <= step.config.retries.limit;
  const { name, count } = step;
  const retryAt = retry ? run.machine.env.clock.now() : null;
  await run.commit([
    { type: 'attempt-failed', name, count, attempt: last.attempt, error, retryAt, logs: [] },
    ...(retry ? [] : [{ type: 'step-failed' as const, name, count, error }]),
  ]);
}

/** The most requests journaled per attempt (a loop of fetches keeps its first ones; the journal stays small). */
export const MAX_REQUESTS_PER_ATTEMPT = 100;

/** Calls the step function once, racing it against the attempt timeout. Its output is capped (output-cap.ts). */
function executeAttempt(run: Run, step: StepView, attempt: number, fn: StepFn): Promise<AttemptOutcome> {
  const clock = run.machine.env.clock;
  const logs: string[] = [];
  const calls: BindingCall[] = [];
  let droppedCalls = 0;
  let requests: RequestRecord[] | undefined;
  const cap = createOutputCap();
  const cancelCallbacks = new Set<() => void>();
  const limitMs = timeoutMs(step.config);
  let done = false;
  let cancelled = false;
  return new Promise<AttemptOutcome>((resolve) => {
    const cancel = () => {
      if (cancelled) return;
      cancelled = true;
      done = true;
      timer.dispose();
      run.attempts.delete(cancel);
      for (const cb of [...cancelCallbacks]) safely(cb);
    };
    const finish = (outcome: AttemptOutcome) => {
      if (done) return;
      done = true;
      timer.dispose();
      run.attempts.delete(cancel);
      const marker = cap.marker();
      if (marker !== undefined) logs.push(marker);
      if (droppedCalls > 0) {
        calls.push({ binding: '', op: 'truncated', target: `${droppedCalls} more binding calls`, ok: true });
      }
      resolve({
        ...outcome,
        ...(requests === undefined ? {} : { requests }),
        ...(calls.length > 0 ? { bindings: calls } : {}),
      });
    };
    const timer = clock.setTimer(clock.now() + limitMs, () => {
      finish({ ok: false, error: { name: 'WorkflowTimeoutError', message: messages.stepTimeout(limitMs) }, logs });
      cancel();
    });
    run.attempts.add(cancel);
    const hooks = {
      log: (text: string) => {
        if (done) return;
        const kept = cap.add(String(text));
        if (kept !== '') logs.push(kept);
      },
      binding: (call: BindingCall) => {
        if (done) return;
        if (calls.length < MAX_BINDING_CALLS) calls.push(call);
        else droppedCalls += 1;
      },
      request: (record: RequestRecord) => {
        if (done) return;
        if (requests === undefined) requests = [];
        if (requests.length < MAX_REQUESTS_PER_ATTEMPT) requests.push({ ...record });
      },
      onCancel: (cb: () => void) => {
        if (cancelled) safely(cb);
        else cancelCallbacks.add(cb);
        return { dispose: () => cancelCallbacks.delete(cb) };
      },
    };
    const ctx = { step: { name: step.name, count: step.count }, attempt, config: copyConfig(step.config) };
    let result: Promise<unknown>;
    try {
      result = Promise.resolve(fn(ctx, hooks));
    } catch (error) {
      result = Promise.reject(error);
    }
    result.then(
      (value) => finish({ ok: true, value, logs }),
      (error) => finish({ ok: false, error: serializeError(error), logs }),
    );
  });
}

function copyConfig(config: ResolvedStepConfig): ResolvedStepConfig {
  return { retries: { ...config.retries }, timeout: config.timeout };
}
