/** Reducer cases for call events (steps, attempts, sleeps, waits, skips). @internal */
import { assertNever } from './errors';
import type { AttemptView, CallView, SleepView, StepView, WaitView } from './instance-view';
import { type CallKind, type CallRef, callKey, type JournalEvent } from './journal';
import type { Ledger } from './ledger';

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

/** Applies a call event to the ledger. Events naming a call the journal never started are ignored. */
export function applyCallEvent(l: Ledger, e: CallEvent): void {
  switch (e.type) {
    case 'step-started':
      start<StepView>(l, e, {
        kind: 'do',
        config: e.config,
        status: 'running',
        attempts: [],
        result: null,
        error: null,
      });
      return;
    case 'sleep-started':
      start<SleepView>(l, e, {
        kind: 'sleep',
        until: e.until,
        durationMs: e.durationMs,
        status: 'sleeping',
        skipped: false,
      });
      return;
    case 'wait-started':
      start<WaitView>(l, e, {
        kind: 'wait',
        eventType: e.eventType,
        timeoutAt: e.timeoutAt,
        timeoutMs: e.timeoutMs,
        status: 'waiting',
        event: null,
        eventSeq: null,
        error: null,
      });
      return;
    case 'attempt-started': {
      const step = touch<StepView>(l, 'do', e);
      if (!step) return;
      const attempt: AttemptView = {
        attempt: e.attempt,
        run: l.activeRun?.run ?? 0,
        startedAt: e.at,
        endedAt: null,
        outcome: 'running',
        error: null,
        retryAt: null,
        logs: [],
      };
      step.attempts.push(attempt);
      step.status = 'running';
      l.inFlight += 1;
      l.pending.delete(step);
      return;
    }
    case 'attempt-failed': {
      const step = touch<StepView>(l, 'do', e);
      const attempt = step && endAttempt(l, step, e.at, 'failed', e.logs);
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
      const step = touch<StepView>(l, 'do', e);
      if (!step) return;
      endAttempt(l, step, e.at, 'succeeded', e.logs);
      Object.assign(step, { status: 'succeeded', result: e.result, endedAt: e.at });
      l.pending.delete(step);
      return;
    }
    case 'step-failed': {
      const step = touch<StepView>(l, 'do', e);
      if (!step) return;
      if (step.attempts.at(-1)?.outcome === 'running') endAttempt(l, step, e.at, 'failed', []);
      Object.assign(step, { status: 'failed', error: e.error, endedAt: e.at });
      l.pending.delete(step);
      return;
    }
    case 'sleep-finished': {
      const sleep = touch<SleepView>(l, 'sleep', e);
      if (!sleep) return;
      Object.assign(sleep, { status: 'finished', endedAt: e.at });
      l.pending.delete(sleep);
      return;
    }
    case 'event-received': {
      const wait = touch<WaitView>(l, 'wait', e);
      const sent = l.sentBySeq.get(e.eventSeq);
      if (!wait || !sent) return;
      Object.assign(wait, { status: 'received', eventSeq: e.eventSeq, endedAt: e.at });
      wait.event = { type: sent.type, payload: sent.payload, timestamp: sent.timestamp };
      sent.consumedBy = { kind: 'wait', name: wait.name, count: wait.count };
      const queue = l.queues.get(sent.type);
      const i = queue ? queue.indexOf(sent) : -1;
      if (queue && i >= 0) queue.splice(i, 1);
      l.pending.delete(wait);
      return;
    }
    case 'wait-timed-out': {
      const wait = touch<WaitView>(l, 'wait', e);
      if (!wait) return;
      Object.assign(wait, { status: 'timed-out', error: e.error, endedAt: e.at });
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

type CallFields<V extends CallView> = Omit<
  V,
  'name' | 'count' | 'generation' | 'run' | 'startSeq' | 'startedAt' | 'endedAt' | 'runs' | 'orphaned'
>;

function start<V extends CallView>(l: Ledger, e: CallEvent & { name: string; count: number }, fields: CallFields<V>) {
  const run = l.activeRun?.run ?? 0;
  const call = {
    name: e.name,
    count: e.count,
    generation: l.view.generation,
    run,
    startSeq: e.seq,
    startedAt: e.at,
    endedAt: null,
    runs: [run],
    orphaned: false,
    ...fields,
  } as V;
  l.index.set(callKey(call), call);
  l.current.push(call);
  l.view.calls.push(call);
  if (call.kind === 'do') l.stepCount += 1;
  else l.pending.add(call);
  l.activeRun?.executed.push({ kind: call.kind, name: call.name, count: call.count });
}

/** Finds the call and records that the active run journaled something for it. */
function touch<V extends CallView>(l: Ledger, kind: CallKind, e: { name: string; count: number }): V | undefined {
  const call = l.index.get(callKey({ kind, name: e.name, count: e.count })) as V | undefined;
  const run = l.activeRun;
  if (call && run && call.runs.at(-1) !== run.run) {
    call.runs.push(run.run);
    run.executed.push({ kind, name: call.name, count: call.count });
  }
  return call;
}

function endAttempt(l: Ledger, step: StepView, at: number, outcome: 'succeeded' | 'failed', logs: string[]) {
  const attempt = step.attempts.at(-1);
  if (!attempt) return undefined;
  if (attempt.outcome === 'running') l.inFlight -= 1;
  attempt.outcome = outcome;
  attempt.endedAt = at;
  attempt.logs = logs;
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
    const last = call.attempts.at(-1);
    if (last) last.retryAt = at;
  }
}
