/**
 * One run: one execution of a workflow body from the top. It implements `step.*`: each call gets its cache key
 * (kind, name, count); a call the journal has finished is served from it ("replayed") without running user
 * code; anything else is journaled first and then executed. A run that is stopped (evicted, paused,
 * terminated, restarted, killed) leaves every pending promise unresolved forever and never journals again.
 */
import { deferred, NEVER, safely } from './async-utils';
import { callOf } from './call-index';
import type { Disposable } from './clock';
import { parseDuration } from './duration';
import { MAX_WAIT_MS } from './duration-text';
import { StepFailedError, WorkflowFatalError, WorkflowTimeoutError } from './errors';
import type { InstanceMachine } from './instance-machine';
import type { CallView, ReceivedEvent, SentEventView, SleepView, StepView, WaitView } from './instance-view';
import { type CallKind, type CallRef, callKey, type JournalEventDraft } from './journal';
import type { CommitMode } from './journal-writer';
import { cloneJson, type Json } from './json';
import { messages } from './messages';
import { createOutputCap, type OutputCap } from './output-cap';
import type { ChangedArgument } from './replay-notes';
import { resolveStepConfig } from './step-config';
import { runStep } from './step-runner';
import type { StepFn, WorkflowStep } from './types';
import { isValidStepName } from './validation';

interface Blocker {
  timer: Disposable;
  fire(): void;
}
interface Waiter {
  timeoutAt: number;
  deliver(sent: SentEventView): void;
}

/** @internal The engine's per-run state. */
export class Run {
  alive = true;
  /** Attempts executing user code. */
  inFlight = 0;
  /** Calls waiting for a timer or an event. */
  blocked = 0;
  /** Journal appends of this run not yet durable. */
  busy = 0;
  /** Bumped on every change; an eviction check only fires if nothing changed for a few host turns. */
  version = 0;
  evictCheckScheduled = false;
  /** Blocked only on timers or waits, with nothing executing or being appended: may be evicted. */
  get evictable(): boolean {
    return this.alive && this.blocked > 0 && this.inFlight === 0 && this.busy === 0;
  }
  /** Calls served from the journal since the last append (flushed into a `calls-replayed` event). */
  private replayed: CallRef[] = [];
  /** Output of `run()` outside steps since the last append (flushed into a `run-output` event). */
  private output = '';
  /** What was replayed and printed since the last append, in order, before the tail in `replayed`/`output`. */
  private unjournaled: JournalEventDraft[] = [];
  /** The per-run cap on output outside steps; `null` once the run's output is closed (its end is journaled). */
  private outputCap: OutputCap | null = createOutputCap();
  /**
   * Every call this run issued, in issue order: the journaled call it matched, or its ref when it was new.
   * Read only when the run ends with a divergence (what the run made instead of the missing call).
   */
  readonly issuedLog: Array<CallView | CallRef> = [];
  /** Journaled sleeps and waits served although the code asked with other arguments (see replay-notes.ts). */
  readonly changedArgs: ChangedArgument[] = [];
  /** Calls of the current generation journaled before this run started. */
  recordedAtStart = 0;
  readonly blockers = new Map<string, Blocker>();
  readonly waiters = new Map<string, Waiter[]>();
  /** Cancel functions of attempts in flight. */
  readonly attempts = new Set<() => void>();
  readonly evictCallbacks = new Set<() => void>();
  private doCalls = 0;

  /** The `step` object handed to the body (no engine internals reachable from it). */
  readonly step: WorkflowStep = {
    do: (name, fn, config) => this.do(name, fn, config),
    sleep: (name, duration) => this.sleep(name, duration),
    sleepUntil: (name, at) => this.sleepUntil(name, at),
    waitForEvent: (name, opts) => this.waitForEvent(name, opts),
  };

  constructor(
    readonly machine: InstanceMachine,
    readonly n: number,
  ) {}

  private async do(name: string, fn: StepFn, config: unknown): Promise<Json> {
    if (!this.alive) return NEVER;
    // Checked first, as Cloudflare does: without it the call failed each attempt with a TypeError and retried.
    if (typeof fn !== 'function') throw new WorkflowFatalError(messages.stepWithoutCallback(String(name)));
    const limit = this.machine.env.stepLimit;
    if (++this.doCalls > limit) throw new WorkflowFatalError(messages.stepLimit(limit));
    if (!isValidStepName(name)) throw new WorkflowFatalError(messages.invalidStepName(String(name)));
    const checked = resolveStepConfig(config);
    if (!checked.ok) throw new WorkflowFatalError(messages.invalidStepConfig(name, checked.detail));
    const { ref, call: found } = this.issue('do', name);
    const call = found as StepView | undefined;
    if (call?.status === 'succeeded') return this.replay(ref, cloneJson(call.result));
    if (call?.status === 'failed' && call.error) throw this.replay(ref, new StepFailedError(call.error));
    return runStep(this, ref, call?.config ?? checked.config, fn);
  }

  private sleep(name: string, duration: number | string): Promise<void> {
    if (!this.alive) return NEVER;
    try {
      const ms = parseDuration(duration);
      if (ms > MAX_WAIT_MS) throw new WorkflowFatalError(messages.sleepTooLong(name));
      return this.sleepCall(name, (now) => now + ms, { what: 'duration', value: ms });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private sleepUntil(name: string, at: number): Promise<void> {
    if (!this.alive) return NEVER;
    if (typeof at !== 'number' || !Number.isFinite(at)) {
      return Promise.reject(new WorkflowFatalError(messages.invalidDurationNumber(Number(at))));
    }
    return this.sleepCall(
      name,
      (now) => {
        // A plain Error, not WorkflowFatalError: Cloudflare's engine throws exactly this (workers-sdk,
        // packages/workflows-shared/src/context.ts, sleepUntil), so code that inspects the error's name behaves
        // the same after export. Python sees it as a JsException "Error: You can't sleep until…".
        if (at < now) throw new Error(messages.sleepUntilPast());
        if (at - now > MAX_WAIT_MS) throw new WorkflowFatalError(messages.sleepTooLong(name));
        return at;
      },
      { what: 'until', value: at },
    );
  }

  private async sleepCall(
    name: string,
    untilFrom: (now: number) => number,
    asked: { what: 'duration' | 'until'; value: number },
  ): Promise<void> {
    const clock = this.machine.env.clock;
    const { ref, call: found } = this.issue('sleep', name);
    let call = found as SleepView | undefined;
    const journaled = call && (asked.what === 'duration' ? call.durationMs : call.until);
    let rekeyed = false;
    if (journaled !== undefined && journaled !== asked.value) {
      this.changedArgs.push({ call: ref, what: asked.what, journaled, now: asked.value });
      // Cloudflare keys a sleep by its name and duration (workers-sdk workflows-shared context.ts, sleep()), so
      // another duration is another sleep there: the journaled one is never served again and the new one sleeps
      // its whole duration from now. The journaled one is orphaned by a divergence journaled with the new start.
      rekeyed = asked.what === 'duration';
      if (rekeyed) call = undefined;
    }
    if (call?.status === 'finished') return this.replay(ref, undefined);
    if (!call) {
      untilFrom(clock.now());
      await this.gate();
      const now = clock.now();
      const until = untilFrom(now);
      const started: JournalEventDraft = {
        type: 'sleep-started',
        name,
        count: ref.count,
        until,
        durationMs: until - now,
      };
      await this.commit(
        rekeyed
          ? [{ type: 'divergence-detected', run: this.n, expected: ref, got: ref, missing: [ref] }, started]
          : [started],
      );
    }
    await this.blockUntil(ref, (this.machine.ledger.lookup(ref) as SleepView).until);
    await this.commit([{ type: 'sleep-finished', name, count: ref.count }]);
  }

  private async waitForEvent(name: string, opts: { type: string; timeout?: number | string }): Promise<ReceivedEvent> {
    if (!this.alive) return NEVER;
    const type = opts?.type;
    if (typeof type !== 'string' || type === '') throw new WorkflowFatalError(messages.invalidEventType());
    const timeoutMs = parseDuration(opts.timeout || '24 hours');
    if (timeoutMs > MAX_WAIT_MS) throw new WorkflowFatalError(messages.waitTimeoutTooLong(name));
    const { ref, call: found } = this.issue('wait', name);
    let call = found as WaitView | undefined;
    if (call && call.eventType !== type)
      this.changedArgs.push({ call: ref, what: 'eventType', journaled: call.eventType, now: type });
    if (call && call.timeoutMs !== timeoutMs) {
      this.changedArgs.push({ call: ref, what: 'timeout', journaled: call.timeoutMs, now: timeoutMs });
    }
    if (call?.status === 'received' && call.event) return this.replay(ref, toReceived(call.event));
    if (call?.status === 'timed-out') throw this.replay(ref, new WorkflowTimeoutError(call.error?.message ?? ''));
    if (!call) {
      await this.gate();
      const now = this.machine.env.clock.now();
      const started: JournalEventDraft = {
        type: 'wait-started',
        name,
        count: ref.count,
        eventType: type,
        timeoutAt: now + timeoutMs,
        timeoutMs,
      };
      const sent = this.machine.ledger.oldestQueued(type);
      if (sent) {
        await this.commit([started, { type: 'event-received', name, count: ref.count, eventSeq: sent.seq }]);
        return toReceived(sent);
      }
      await this.commit([started]);
      call = this.machine.ledger.lookup(ref) as WaitView;
    }
    return this.awaitEvent(ref, call);
  }

  private async awaitEvent(ref: CallRef, call: WaitView): Promise<ReceivedEvent> {
    const { name, count } = ref;
    const sent = this.machine.ledger.oldestQueued(call.eventType, call.timeoutAt);
    if (sent) {
      await this.commit([{ type: 'event-received', name, count, eventSeq: sent.seq }]);
      return toReceived(sent);
    }
    const timeout = new WorkflowTimeoutError(messages.stepTimeout(call.timeoutMs));
    const timedOut = async (): Promise<never> => {
      const error = { name: timeout.name, message: timeout.message };
      await this.commit([{ type: 'wait-timed-out', name, count, error }]);
      throw timeout;
    };
    if (call.timeoutAt <= this.machine.env.clock.now()) return timedOut();
    const { promise, resolve, reject } = deferred<ReceivedEvent>();
    const key = callKey(ref);
    const list = this.waiters.get(call.eventType) ?? [];
    const waiter: Waiter = {
      timeoutAt: call.timeoutAt,
      deliver: (got) => {
        unblock();
        this.commit([{ type: 'event-received', name, count, eventSeq: got.seq }]).then(
          () => resolve(toReceived(got)),
          () => undefined, // the failed append killed the machine and was reported; the run is over
        );
      },
    };
    const unblock = () => {
      removeFrom(list, waiter);
      this.unblock(key);
    };
    list.push(waiter);
    this.waiters.set(call.eventType, list);
    this.block(key, call.timeoutAt, () => {
      removeFrom(list, waiter);
      timedOut().catch(reject);
    });
    return promise;
  }

  /** Waits until the clock reaches `at` (or the wake is skipped). */
  blockUntil(ref: CallRef, at: number): Promise<void> {
    if (at <= this.machine.env.clock.now()) return Promise.resolve();
    const { promise, resolve } = deferred<void>();
    this.block(callKey(ref), at, () => resolve());
    return promise;
  }

  private block(key: string, at: number, onFire: () => void): void {
    const fire = () => {
      if (this.unblock(key)) onFire();
    };
    this.blockers.set(key, { timer: this.machine.env.clock.setTimer(at, fire), fire });
    this.blocked += 1;
    this.machine.changed(this);
  }

  private unblock(key: string): boolean {
    const blocker = this.blockers.get(key);
    if (!blocker || !this.alive) return false;
    this.blockers.delete(key);
    blocker.timer.dispose();
    this.blocked -= 1;
    this.machine.changed(this);
    return true;
  }

  /** Gives the first waiter for `type` the oldest queued event it may take. */
  deliver(type: string): void {
    const waiter = this.waiters.get(type)?.[0];
    const sent = waiter && this.machine.ledger.oldestQueued(type, waiter.timeoutAt);
    if (waiter && sent) waiter.deliver(sent);
  }

  /**
   * Journals through the instance; never resolves once the run is stopped. A `deferred` commit (a step's
   * success) returns at once and is stored with the next durable one (journal-writer.ts).
   */
  async commit(drafts: JournalEventDraft[], mode: CommitMode = 'durable'): Promise<void> {
    if (!this.alive) return NEVER;
    if (mode === 'deferred') {
      void this.machine.commit(drafts, mode);
      this.machine.changed(this);
      return;
    }
    this.busy += 1;
    try {
      await this.machine.commit(drafts);
    } finally {
      this.busy -= 1;
    }
    if (!this.alive) return NEVER;
    this.machine.changed(this);
  }

  /** Holds new work while a pause is pending (`waitingForPause`); never resolves if the pause takes effect. */
  async gate(): Promise<void> {
    while (this.machine.ledger.base === 'waitingForPause') {
      await this.machine.gateOpen();
      if (!this.alive) return NEVER;
    }
  }

  /** Ends the run without journaling: timers, attempts and the body are cancelled. */
  stop(): void {
    if (!this.alive) return;
    this.alive = false;
    for (const blocker of this.blockers.values()) blocker.timer.dispose();
    this.blockers.clear();
    this.waiters.clear();
    for (const cancel of [...this.attempts]) cancel();
    for (const cb of [...this.evictCallbacks]) safely(cb);
  }

  /** Gives the call its count (occurrence of the name in this run) and finds it in the journal. */
  private issue(kind: CallKind, name: string): { ref: CallRef; call: CallView | undefined } {
    const record = this.machine.ledger.index.record(kind, name);
    if (record.issuedRun !== this.n) {
      record.issuedRun = this.n;
      record.issued = 0;
    }
    const count = ++record.issued;
    const ref = { kind, name, count };
    const call = callOf(record, count);
    this.issuedLog.push(call ?? ref);
    this.machine.changed(this);
    return { ref, call };
  }

  /** Whether this run issued `call` (a call of the current generation). */
  issued(call: CallRef): boolean {
    return this.machine.ledger.index.issuedBy(call, this.n);
  }

  private replay<T>(ref: CallRef, value: T): T {
    this.flushOutput();
    this.replayed.push(ref);
    return value;
  }

  /** Output of `run()` outside steps (`RunContext.log`): capped per run, journaled with the run's next event. */
  log(text: string): void {
    if (!this.alive || this.outputCap === null) return;
    const kept = this.outputCap.add(String(text));
    if (kept === '') return;
    this.flushReplayed();
    this.output += kept;
  }

  /** Adds the `[truncated N bytes]` line if output was dropped; called just before the run's end is journaled. */
  closeOutput(): void {
    const marker = this.outputCap?.marker();
    this.outputCap = null;
    if (marker === undefined) return;
    this.flushReplayed();
    this.output += marker;
  }

  /** The `calls-replayed` and `run-output` events owed since the last append, in the order they happened. */
  takeUnjournaled(): JournalEventDraft[] {
    if (this.unjournaled.length === 0 && this.replayed.length === 0 && this.output === '') return NO_DRAFTS;
    this.flushReplayed();
    this.flushOutput();
    const drafts = this.unjournaled;
    this.unjournaled = [];
    return drafts;
  }

  private flushReplayed(): void {
    if (this.replayed.length === 0) return;
    this.unjournaled.push({ type: 'calls-replayed', run: this.n, calls: this.replayed });
    this.replayed = [];
  }

  private flushOutput(): void {
    if (this.output === '') return;
    this.unjournaled.push({ type: 'run-output', run: this.n, text: this.output });
    this.output = '';
  }
}

const NO_DRAFTS: JournalEventDraft[] = [];

function removeFrom<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}

/** What `waitForEvent` returns: a copy, so user code cannot change the journal. */
function toReceived(event: ReceivedEvent | SentEventView): ReceivedEvent {
  return { type: event.type, payload: cloneJson(event.payload), timestamp: event.timestamp };
}
