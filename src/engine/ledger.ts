/**
 * The reducer. A `Ledger` folds journal events, one at a time and in O(1) each, into an {@link InstanceView}
 * plus the indexes the engine needs on every call: calls of the current generation by (kind, name, count),
 * the set of pending timers, attempts in flight and the per-type FIFO of sent events. `reduceJournal` is the
 * pure function over a whole journal; the engine keeps one live `Ledger` per instance and applies each event as
 * it appends it, so replay never rescans the journal.
 */

import { CallIndex } from './call-index';
import { assertNever } from './errors';
import type {
  CallView,
  InstanceStatus,
  InstanceView,
  PendingWake,
  RunView,
  SentEventView,
  WaitView,
} from './instance-view';
import type { CallRef, JournalEvent, RestartedEvent } from './journal';
import { applyCallEvent } from './ledger-calls';
import { type InstanceSummary, summarize } from './store';

/** Folds a whole journal into the instance view. `reduceJournal(events.slice(0, k))` is the state after event k. */
export function reduceJournal(events: readonly JournalEvent[]): InstanceView {
  const ledger = new Ledger();
  for (const event of events) ledger.apply(event);
  return ledger.snapshot();
}

/** The summary row of a whole journal: the one the engine writes with its last event (an import writes it too). */
export function summarizeJournal(events: readonly JournalEvent[]): InstanceSummary {
  const ledger = new Ledger();
  for (const event of events) ledger.apply(event);
  return summarize(ledger);
}

/** Incremental reducer state. @internal Hosts use {@link reduceJournal}. */
export class Ledger {
  readonly view: InstanceView = {
    id: '',
    workflowName: '',
    params: null,
    createdAt: 0,
    updatedAt: 0,
    lastSeq: 0,
    status: 'unknown',
    output: null,
    error: null,
    generation: 0,
    steps: [],
    calls: [],
    runs: [],
    divergences: [],
    events: [],
    pendingWake: undefined,
    pausedAt: null,
  };
  /** Status before deriving `waiting` from pending timers. */
  base: InstanceStatus = 'unknown';
  activeRun: RunView | null = null;
  /** Calls of the current generation, in start order. */
  current: CallView[] = [];
  index = new CallIndex();
  /** Unfinished sleeps, unanswered waits and steps waiting for a retry (current generation). */
  pending = new Set<CallView>();
  /** Attempts started without an outcome (current generation). */
  inFlight = 0;
  stepCount = 0;
  readonly queues = new Map<string, SentEventView[]>();
  readonly sentBySeq = new Map<number, SentEventView>();

  /** Applies one event. Events must come in `seq` order. */
  apply(e: JournalEvent): void {
    const v = this.view;
    v.lastSeq = e.seq;
    v.updatedAt = e.at;
    switch (e.type) {
      case 'instance-created':
        Object.assign(v, { id: e.instanceId, workflowName: e.workflowName, params: e.params, createdAt: e.at });
        this.base = 'queued';
        return;
      case 'run-started':
        this.endRun(e.at, 'crashed');
        this.activeRun = {
          run: e.run,
          generation: v.generation,
          reason: e.reason,
          startSeq: e.seq,
          startedAt: e.at,
          endedAt: null,
          end: null,
          executed: [],
          replayed: [],
          output: [],
          divergence: null,
        };
        v.runs.push(this.activeRun);
        this.base = 'running';
        v.pausedAt = null;
        return;
      case 'run-finished':
        v.output = e.output;
        this.base = 'complete';
        this.endRun(e.at, 'finished');
        return;
      case 'run-errored':
        v.error = e.error;
        this.base = 'errored';
        this.endRun(e.at, 'errored');
        return;
      case 'run-evicted':
        if (this.base === 'running') this.base = 'waiting';
        this.endRun(e.at, 'evicted');
        return;
      case 'calls-replayed':
        this.runView(e.run)?.replayed.push(...e.calls);
        return;
      case 'run-output': {
        const run = this.runView(e.run);
        run?.output.push({
          seq: e.seq,
          at: e.at,
          text: e.text,
          afterReplayed: run.replayed.length,
          afterExecuted: run.executed.length,
        });
        return;
      }
      case 'divergence-detected': {
        const d = { run: e.run, seq: e.seq, expected: e.expected, got: e.got, missing: e.missing };
        v.divergences.push(d);
        for (const ref of e.missing) {
          const call = this.lookup(ref);
          if (!call) continue;
          call.orphaned = true;
          // Never woken again: a sleep re-keyed by its duration is started anew under the same (name, count).
          this.pending.delete(call);
        }
        const run = this.runView(e.run);
        if (run) run.divergence = d;
        return;
      }
      case 'event-buffered': {
        const sent: SentEventView = {
          seq: e.seq,
          type: e.eventType,
          payload: e.payload,
          timestamp: e.timestamp,
          consumedBy: null,
          dropped: false,
        };
        v.events.push(sent);
        this.sentBySeq.set(e.seq, sent);
        const queue = this.queues.get(e.eventType);
        if (queue) queue.push(sent);
        else this.queues.set(e.eventType, [sent]);
        return;
      }
      case 'pause-requested':
        this.base = 'waitingForPause';
        return;
      case 'paused':
        this.base = 'paused';
        v.pausedAt = e.at;
        this.endRun(e.at, 'paused');
        return;
      case 'resumed':
        if (e.pausedFor > 0) for (const call of this.pending) shiftWake(call, e.pausedFor);
        this.base = 'running';
        v.pausedAt = null;
        return;
      case 'terminated':
        this.base = 'terminated';
        this.endRun(e.at, 'terminated');
        return;
      case 'restarted':
        this.restart(e);
        return;
      case 'step-started':
      case 'attempt-started':
      case 'attempt-failed':
      case 'step-succeeded':
      case 'step-failed':
      case 'sleep-started':
      case 'sleep-finished':
      case 'wait-started':
      case 'event-received':
      case 'wait-timed-out':
      case 'wake-skipped':
        applyCallEvent(this, e);
        return;
      default:
        assertNever(e);
    }
  }

  /** The current generation's call for `ref`, if journaled. */
  lookup(ref: CallRef): CallView | undefined {
    return this.index.get(ref.kind, ref.name, ref.count);
  }

  /** Status with `waiting` derived: running, nothing in flight, and at least one pending timer or wait. */
  status(): InstanceStatus {
    if (this.base === 'running' && this.inFlight === 0 && this.pending.size > 0) return 'waiting';
    return this.base;
  }

  /** The earliest pending timer (among calls `include` accepts), unless the instance is paused, queued or finished. */
  pendingWake(include: (call: CallView) => boolean = () => true): PendingWake | undefined {
    if (this.base !== 'running' && this.base !== 'waiting' && this.base !== 'waitingForPause') return undefined;
    let best: PendingWake | undefined;
    for (const call of this.pending) {
      const wake = include(call) ? wakeOf(call) : undefined;
      if (wake && (best === undefined || wake.at < best.at)) best = wake;
    }
    return best;
  }

  /** Unanswered waits of the current generation (among calls `include` accepts). */
  pendingWaits(include: (call: CallView) => boolean = () => true): WaitView[] {
    return [...this.pending].filter((c): c is WaitView => c.kind === 'wait' && include(c));
  }

  /** The oldest unconsumed sent event of `type` sent no later than `notAfter`. */
  oldestQueued(type: string, notAfter = Number.POSITIVE_INFINITY): SentEventView | undefined {
    const first = this.queues.get(type)?.[0];
    return first !== undefined && first.timestamp <= notAfter ? first : undefined;
  }

  /** Completes the view's derived fields and returns it. */
  snapshot(): InstanceView {
    const v = this.view;
    v.status = this.status();
    v.pendingWake = this.pendingWake();
    v.steps = this.current.filter((c) => c.kind === 'do');
    return v;
  }

  private runView(run: number): RunView | undefined {
    if (this.activeRun?.run === run) return this.activeRun;
    return this.view.runs.find((r) => r.run === run);
  }

  private endRun(at: number, end: RunView['end']): void {
    const run = this.activeRun;
    if (!run) return;
    run.end = end;
    run.endedAt = end === 'crashed' ? null : at;
    this.activeRun = null;
  }

  private restart(e: RestartedEvent): void {
    const v = this.view;
    this.endRun(e.at, 'restarted');
    v.generation += 1;
    v.output = null;
    v.error = null;
    v.pausedAt = null;
    this.base = 'queued';
    const from = e.from;
    const cut = from
      ? this.current.findIndex((c) => c.kind === from.kind && c.name === from.name && c.count === from.count)
      : 0;
    this.current = this.current.slice(0, Math.max(cut, 0));
    this.index = CallIndex.of(this.current);
    this.pending = new Set(this.current.filter(isPending));
    this.inFlight = this.current.filter((c) => c.kind === 'do' && c.attempts.at(-1)?.outcome === 'running').length;
    this.stepCount = this.current.filter((c) => c.kind === 'do').length;
    for (const queue of this.queues.values()) for (const sent of queue) sent.dropped = true;
    this.queues.clear();
  }
}

/** Whether a call still waits for a timer or an event. */
export function isPending(call: CallView): boolean {
  switch (call.kind) {
    case 'do':
      return call.status === 'retrying';
    case 'sleep':
      return call.status === 'sleeping';
    case 'wait':
      return call.status === 'waiting';
    default:
      return assertNever(call);
  }
}

/** When a pending call's timer is due. */
export function wakeOf(call: CallView): PendingWake | undefined {
  const ref = { kind: call.kind, name: call.name, count: call.count };
  switch (call.kind) {
    case 'do': {
      const at = call.attempts.at(-1)?.retryAt;
      return call.status === 'retrying' && at != null ? { at, kind: 'retry', call: ref } : undefined;
    }
    case 'sleep':
      return call.status === 'sleeping' ? { at: call.until, kind: 'sleep', call: ref } : undefined;
    case 'wait':
      return call.status === 'waiting' ? { at: call.timeoutAt, kind: 'wait-timeout', call: ref } : undefined;
    default:
      return assertNever(call);
  }
}

function shiftWake(call: CallView, by: number): void {
  if (call.kind === 'sleep') call.until += by;
  else if (call.kind === 'wait') call.timeoutAt += by;
  else {
    const last = call.attempts.at(-1);
    if (last?.retryAt != null) last.retryAt += by;
  }
}
