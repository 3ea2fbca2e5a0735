/**
 * Reducer cases for call events (steps, attempts, sleeps, waits, skips). @internal
 *
 * Views are built as complete object literals and updated by plain field writes (no spreads, no temporary
 * objects): a long journal is reduced on every recovery, and this keeps its garbage low and lets V8 allocate
 * the long-lived views straight into the old generation.
 */
import { assertNever } from './errors';
import type { AttemptView, CallView, CallViewBase, SleepView, StepView, WaitView } from './instance-view';
import type { BindingCall, CallKind, CallRef, JournalEvent } from './journal';
import type { Ledger } from './ledger';
import type { RequestRecord } from './mocks';

type CallEvent = Extract<
  JournalEvent,
  {
    type:
      | 'step-started'
      | 'attempt-started'
      | 'attempt-failed'
      | 'step-succeeded'
      | 'step-failed'
      | 'sleep-started'
      | 'sleep-finished'
      | 'wait-started'
      | 'event-received'
      | 'wait-timed-out'
      | 'wake-skipped';
  }
>;
type Started<T extends CallEvent['type']> = Extract<CallEvent, { type: T }>;

/** Logs of an attempt still running (shared: never written to). */
const NO_LOGS: string[] = Object.freeze([]) as unknown as string[];

/** Applies a call event to the ledger. Events naming a call the journal never started are ignored. */
export function applyCallEvent(l: Ledger, e: CallEvent): void {
  switch (e.type) {
    case 'step-started':
      register(l, stepView(l, e));
      return;
    case 'sleep-started':
      register(l, sleepView(l, e));
      return;
    case 'wait-started':
      register(l, waitView(l, e));
      return;
    case 'attempt-started': {
      const step = touch(l, 'do', e) as StepView | undefined;
      if (!step) return;
      const attempt: AttemptView = {
        attempt: e.attempt,
        run: l.activeRun?.run ?? 0,
        startedAt: e.at,
        endedAt: null,
        outcome: 'running',
        error: null,
        retryAt: null,
        logs: NO_LOGS,
      };
      // A literal array holds exactly one element; push() on [] would reserve 17 slots for every step.
      if (step.attempts.length === 0) step.attempts = [attempt];
      else step.attempts.push(attempt);
      step.status = 'running';
      l.inFlight += 1;
      l.pending.delete(step);
      return;
    }
    case 'attempt-failed': {
      const step = touch(l, 'do', e) as StepView | undefined;
      const attempt = step && endAttempt(l, step, e.at, 'failed', e.logs, e.requests, e.bindings);
      if (!step || !attempt) return;
      attempt.error = e.error;
      attempt.retryAt = e.retryAt;
      if (e.retryAt !== null) {
        step.status = 'retrying';
        l.pending.add(step);
      }
      return;
    }
    case 'step-succeeded': {
      const step = touch(l, 'do', e) as StepView | undefined;
      if (!step) return;
      endAttempt(l, step, e.at, 'succeeded', e.logs, e.requests, e.bindings);
      step.status = 'succeeded';
      step.result = e.result;
      step.endedAt = e.at;
      l.pending.delete(step);
      return;
    }
    case 'step-failed': {
      const step = touch(l, 'do', e) as StepView | undefined;
      if (!step) return;
      if (step.attempts.at(-1)?.outcome === 'running')
        endAttempt(l, step, e.at, 'failed', NO_LOGS, undefined, undefined);
      step.status = 'failed';
      step.error = e.error;
      step.endedAt = e.at;
      l.pending.delete(step);
      return;
    }
    case 'sleep-finished': {
      const sleep = touch(l, 'sleep', e) as SleepView | undefined;
      if (!sleep) return;
      sleep.status = 'finished';
      sleep.endedAt = e.at;
      l.pending.delete(sleep);
      return;
    }
    case 'event-received': {
      const wait = touch(l, 'wait', e) as WaitView | undefined;
      const sent = l.sentBySeq.get(e.eventSeq);
      if (!wait || !sent) return;
      wait.status = 'received';
      wait.eventSeq = e.eventSeq;
      wait.endedAt = e.at;
      wait.event = { type: sent.type, payload: sent.payload, timestamp: sent.timestamp };
      sent.consumedBy = { kind: 'wait', name: wait.name, count: wait.count };
      const queue = l.queues.get(sent.type);
      const i = queue ? queue.indexOf(sent) : -1;
      if (queue && i >= 0) queue.splice(i, 1);
      l.pending.delete(wait);
      return;
    }
    case 'wait-timed-out': {
      const wait = touch(l, 'wait', e) as WaitView | undefined;
      if (!wait) return;
      wait.status = 'timed-out';
      wait.error = e.error;
      wait.endedAt = e.at;
      l.pending.delete(wait);
      return;
    }
    case 'wake-skipped':
      skip(l, e.call, e.at);
      return;
    default:
      assertNever(e);
  }
}

/** What every call view starts with: its key, generation, the run that made it, and when. */
function callBase(l: Ledger, e: Started<'step-started' | 'sleep-started' | 'wait-started'>): CallViewBase {
  const run = l.activeRun?.run ?? 0;
  return {
    name: e.name,
    count: e.count,
    generation: l.view.generation,
    run,
    startSeq: e.seq,
    startedAt: e.at,
    endedAt: null,
    runs: [run],
    orphaned: false,
  };
}

function stepView(l: Ledger, e: Started<'step-started'>): StepView {
  return {
    kind: 'do',
    ...callBase(l, e),
    config: e.config,
    status: 'running',
    attempts: [],
    result: null,
    error: null,
  };
}

function sleepView(l: Ledger, e: Started<'sleep-started'>): SleepView {
  return {
    kind: 'sleep',
    ...callBase(l, e),
    until: e.until,
    durationMs: e.durationMs,
    status: 'sleeping',
    skipped: false,
  };
}

function waitView(l: Ledger, e: Started<'wait-started'>): WaitView {
  return {
    kind: 'wait',
    ...callBase(l, e),
    eventType: e.eventType,
    timeoutAt: e.timeoutAt,
    timeoutMs: e.timeoutMs,
    status: 'waiting',
    event: null,
    eventSeq: null,
    error: null,
  };
}

function register(l: Ledger, call: CallView): void {
  l.index.add(call);
  l.current.push(call);
  l.view.calls.push(call);
  if (call.kind === 'do') l.stepCount += 1;
  else l.pending.add(call);
  l.activeRun?.executed.push({ kind: call.kind, name: call.name, count: call.count });
}

/** Finds the call and records that the active run journaled something for it. */
function touch(l: Ledger, kind: CallKind, e: { name: string; count: number }): CallView | undefined {
  const call = l.index.get(kind, e.name, e.count);
  const run = l.activeRun;
  if (call && run && call.runs[call.runs.length - 1] !== run.run) {
    call.runs.push(run.run);
    run.executed.push({ kind, name: call.name, count: call.count });
  }
  return call;
}

function endAttempt(
  l: Ledger,
  step: StepView,
  at: number,
  outcome: 'succeeded' | 'failed',
  logs: string[],
  requests: RequestRecord[] | undefined,
  bindings: BindingCall[] | undefined,
) {
  const attempt = step.attempts[step.attempts.length - 1];
  if (!attempt) return undefined;
  if (attempt.outcome === 'running') l.inFlight -= 1;
  attempt.outcome = outcome;
  attempt.endedAt = at;
  attempt.logs = logs;
  if (requests !== undefined) attempt.requests = requests;
  if (bindings !== undefined) attempt.bindings = bindings;
  return attempt;
}

function skip(l: Ledger, ref: CallRef, at: number): void {
  const call = l.lookup(ref);
  if (!call || !l.pending.has(call)) return;
  if (call.kind === 'sleep') {
    call.until = at;
    call.skipped = true;
  } else if (call.kind === 'wait') call.timeoutAt = at;
  else {
    const last = call.attempts[call.attempts.length - 1];
    if (last) last.retryAt = at;
  }
}
