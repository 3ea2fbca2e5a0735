/**
 * The central state machine of one instance. Sections:
 *
 * 1. **Journal** — `commit` stamps drafts (`seq`, `at`, `wall`), applies them to the live {@link Ledger} at once
 *    (so every decision sees them) and hands them to its {@link JournalWriter} (group commit: a step's success
 *    goes with the next durable commit). Once the machine is dead (disposed, store failure) nothing is appended.
 * 2. **Runs** — `startRun` journals `run-started` and calls the body with a fresh {@link Run}; its end is
 *    journaled as finished, errored or evicted. A run blocked only on timers/waits for `evictionTurns` idle host
 *    turns is evicted, and a wake timer is set for its earliest pending timer; the wake starts a new run.
 * 3. **Instance API** — pause, resume, terminate, restart, sendEvent, skipWait, with Cloudflare's transitions.
 *
 * Invariants: at most one live run; a stopped run never journals again; a journaled success is never executed
 * again (the ledger is consulted synchronously before any user code runs).
 */
import { afterTurns, NEVER } from './async-utils';
import type { Clock, Disposable } from './clock';
import { endOfRun } from './divergence';
import { runError, serializeError, WorkflowError } from './errors';
import { type CallView, FINITE_STATUSES, type PendingWake } from './instance-view';
import { type CallRef, callKey, type JournalEvent, type JournalEventDraft, type RunReason } from './journal';
import { type CommitMode, JournalWriter } from './journal-writer';
import { cloneJson, MAX_VALUE_BYTES, toJson } from './json';
import type { Ledger } from './ledger';
import { messages } from './messages';
import type { ReplayLog } from './replay-notes';
import { Run } from './run';
import type { JournalStore } from './store';
import type { HostRun, InstanceMeta, InstanceStatusResult, RestartFrom, WorkflowBody } from './types';

/** What machines share with their engine. @internal */
export interface MachineEnv {
  store: JournalStore;
  clock: Clock;
  wallNow(): number;
  defer(cb: () => void): void;
  resolveWorkflow(name: string, instanceId: string, meta?: InstanceMeta): WorkflowBody | undefined;
  stepLimit: number;
  evictionTurns: number;
  /** The host's activity counter (`EngineDeps.hostActivity`); constant when the host gives none. */
  hostActivity(run?: HostRun): number;
  /** `busy` counts work in progress (appends, eviction checks); `version` changes on any progress. */
  activity: { busy: number; version: number };
  onDead(machine: InstanceMachine, error: unknown): void;
}

/** @internal One instance's live state. */
export class InstanceMachine {
  run: Run | undefined;
  /** Replay notes of its runs since it was loaded (in memory only, see replay-notes.ts). */
  readonly replayLog: ReplayLog = { notes: [], lastIssued: undefined };
  private dead = false;
  private wakeTimer: Disposable | undefined;
  private gateWaiters: Array<() => void> = [];
  /** The last evicted run: only its calls can wake the instance (else a call no longer issued after a divergence
   * would wake it forever). Cleared when a run starts. */
  private wakeScope: Run | undefined;
  private readonly writer: JournalWriter;

  constructor(
    readonly id: string,
    readonly env: MachineEnv,
    readonly ledger: Ledger,
    /** The host data of the `create` that made this instance in this engine (none after a recovery). */
    readonly meta?: InstanceMeta,
  ) {
    this.writer = new JournalWriter(
      id,
      ledger,
      {
        store: env.store,
        defer: env.defer,
        turns: env.evictionTurns,
        activity: env.activity,
        onFailed: (error) => this.die(error),
      },
      meta,
    );
  }

  // ── 1. Journal ───────────────────────────────────────────────────────────────────────────────────────────
  /**
   * Journals one transition: stamps and applies it to the ledger now, and hands it to the group-commit writer
   * (journal-writer.ts). A `durable` commit resolves once stored; a `deferred` one (a step's success) resolves
   * once stored too, but is written with the next durable commit. Never resolves if the machine is dead.
   */
  commit(drafts: JournalEventDraft[], mode: CommitMode = 'durable'): Promise<void> {
    if (this.dead) return NEVER;
    const owed = this.run?.takeUnjournaled();
    if (owed && owed.length > 0) drafts = [...owed, ...drafts];
    const at = this.env.clock.now();
    const wall = this.env.wallNow();
    let seq = this.ledger.view.lastSeq;
    // Drafts are built fresh by the engine for this call, so they become the events themselves.
    const events = drafts as JournalEvent[];
    for (const draft of drafts) {
      const event = Object.assign(draft, { instanceId: this.id, seq: ++seq, at, wall }) as JournalEvent;
      this.ledger.apply(event);
    }
    return this.writer.add(events, mode);
  }

  /** Resolves when everything journaled so far is durable. */
  flushed(): Promise<unknown> {
    return this.writer.flushed();
  }

  // ── 2. Runs ──────────────────────────────────────────────────────────────────────────────────────────────
  /** Starts a new run (after `before`, in the same append). No-op if the workflow is not registered. */
  startRun(reason: RunReason, before: JournalEventDraft[] = []): void {
    const body = this.env.resolveWorkflow(this.ledger.view.workflowName, this.id, this.meta);
    if (!body || this.dead) return;
    this.cancelWake();
    const run = new Run(this, this.ledger.view.runs.length + 1);
    this.run = run;
    this.wakeScope = undefined;
    const started = run.commit([...before, { type: 'run-started', run: run.n, reason }]);
    run.recordedAtStart = this.ledger.current.length;
    // A failed append has already killed the machine and reported it (onDead → onError): nothing to run.
    void started.then(
      () => this.execute(run, body),
      () => undefined,
    );
  }

  private async execute(run: Run, body: WorkflowBody): Promise<void> {
    const v = this.ledger.view;
    const event = {
      payload: cloneJson(v.params),
      timestamp: v.createdAt,
      instanceId: this.id,
      workflowName: v.workflowName,
    };
    const onEvict = (cb: () => void): Disposable => {
      if (!run.alive) cb();
      else run.evictCallbacks.add(cb);
      return { dispose: () => run.evictCallbacks.delete(cb) };
    };
    let output: unknown;
    try {
      output = await body({ event, step: run.step, run: run.n, onEvict, log: (text) => run.log(text) });
    } catch (error) {
      if (run.alive) this.endRunWith(run, { type: 'run-errored', run: run.n, error: runError(serializeError(error)) });
      return;
    }
    if (!run.alive) return;
    const json = toJson(output);
    this.endRunWith(
      run,
      json.ok
        ? { type: 'run-finished', run: run.n, output: json.value }
        : {
            type: 'run-errored',
            run: run.n,
            error: { name: 'WorkflowFatalError', message: messages.outputNotSerialisable(json.reason) },
          },
    );
  }

  /** A step returned a value the journal cannot hold: the step fails and the instance errors, no retry. */
  failRunOnResult(run: Run, ref: CallRef, attempt: number, problem: string, logs: string[]): Promise<never> {
    if (!run.alive) return NEVER;
    run.inFlight -= 1;
    const { name, count } = ref;
    const error = { name: 'WorkflowFatalError', message: problem };
    const fatal = { name: 'WorkflowFatalError', message: messages.runTerminatedByResult(name), cause: error };
    this.endRunWith(run, { type: 'run-errored', run: run.n, error: fatal }, [
      { type: 'attempt-failed', name, count, attempt, error, retryAt: null, logs },
      { type: 'step-failed', name, count, error },
    ]);
    return NEVER;
  }

  /**
   * An attempt ended: journal it, and complete a pending pause if it was the last one in flight. A success is
   * `deferred`: it is stored with the next durable commit (journal-writer.ts), so resolves at once.
   */
  attemptEnded(run: Run, drafts: JournalEventDraft[], mode: CommitMode = 'durable'): Promise<void> {
    if (!run.alive) return NEVER;
    run.inFlight -= 1;
    if (this.ledger.base === 'waitingForPause' && run.inFlight === 0) {
      this.stopWith(run, [...drafts, { type: 'paused' }]);
      return NEVER;
    }
    return run.commit(drafts, mode);
  }

  /** Notes progress of `run` and schedules an eviction check when it is blocked only on timers/waits. */
  changed(run: Run): void {
    run.version += 1;
    this.env.activity.version += 1;
    if (run.evictCheckScheduled || !run.evictable) return;
    run.evictCheckScheduled = true;
    const seen = run.version;
    // Host work (e.g. Python between two engine calls) may be about to issue another call of this run.
    const hostRun = { instanceId: this.id, run: run.n };
    const hostSeen = this.env.hostActivity(hostRun);
    this.env.activity.busy += 1;
    afterTurns(this.env.defer, this.env.evictionTurns, () => {
      run.evictCheckScheduled = false;
      this.env.activity.busy -= 1;
      if (!run.alive || !run.evictable) return;
      if (run.version !== seen || this.env.hostActivity(hostRun) !== hostSeen) this.changed(run);
      else this.evict(run);
    });
  }

  private evict(run: Run): void {
    this.wakeScope = run;
    this.endRunWith(run, { type: 'run-evicted', run: run.n, wakeAt: this.nextWake()?.at ?? null });
    this.scheduleWake();
  }

  /** Journals `drafts` (a pause or a termination: no divergence check) after the run's output, and stops it. */
  private stopWith(run: Run | undefined, drafts: JournalEventDraft[]): void {
    run?.closeOutput();
    this.commit(drafts);
    if (run) this.stopRun(run);
  }

  /** Journals the end of a run (with its divergence, if any), keeps its replay notes and stops it. */
  private endRunWith(run: Run, end: JournalEventDraft, before: JournalEventDraft[] = []): void {
    run.closeOutput();
    this.commit([...before, ...endOfRun(run, this.ledger.current, end.type === 'run-evicted', this.replayLog), end]);
    this.stopRun(run);
  }

  private stopRun(run: Run): void {
    run.stop();
    if (this.run === run) this.run = undefined;
    this.gateWaiters = [];
  }

  /** Arms the wake timer for the earliest pending timer (or wakes now if a waiting call has its event). */
  scheduleWake(): void {
    this.cancelWake();
    if (this.dead || this.run) return;
    const ready = this.ledger
      .pendingWaits(this.inScope)
      .some((w) => this.ledger.oldestQueued(w.eventType, w.timeoutAt));
    if (ready) {
      this.env.defer(() => this.wake('event'));
      return;
    }
    const wake = this.nextWake();
    if (wake) this.wakeTimer = this.env.clock.setTimer(wake.at, () => this.wake('wake'));
  }

  /** The pending timer that will wake the instance (see {@link wakeScope}). */
  nextWake(): PendingWake | undefined {
    return this.ledger.pendingWake(this.inScope);
  }

  private readonly inScope = (call: CallView): boolean => this.wakeScope?.issued(call) ?? true;

  private wake(reason: RunReason): void {
    this.wakeTimer = undefined;
    const base = this.ledger.base;
    if (this.dead || this.run || (base !== 'waiting' && base !== 'running' && base !== 'queued')) return;
    this.startRun(reason);
  }

  private cancelWake(): void {
    this.wakeTimer?.dispose();
    this.wakeTimer = undefined;
  }

  /** Picks up after loading a journal: resume what was running, re-arm timers, complete a pending pause. */
  resumeAfterLoad(): void {
    switch (this.ledger.base) {
      case 'queued':
      case 'running':
        this.startRun('recover');
        return;
      case 'waiting':
        this.scheduleWake();
        return;
      case 'waitingForPause':
        void this.commit([{ type: 'paused' }]);
        return;
      default:
        return;
    }
  }

  /** Crash-like stop: cancel everything and journal nothing more. */
  kill(): void {
    this.dead = true;
    this.writer.stop();
    if (this.run) this.stopRun(this.run);
    this.cancelWake();
  }

  private die(error: unknown): void {
    if (this.dead) return;
    this.kill();
    this.env.onDead(this, error);
  }

  /** Resolves when new work may start again after a cancelled pause; never if the pause took effect. */
  gateOpen(): Promise<void> {
    return new Promise((resolve) => this.gateWaiters.push(resolve));
  }

  // ── 3. Instance API ──────────────────────────────────────────────────────────────────────────────────────
  /** `status()` as Cloudflare returns it, once all journaled state is durable. */
  async status(): Promise<InstanceStatusResult> {
    await this.flushed();
    const v = this.ledger.view;
    return {
      status: this.ledger.status(),
      output: v.output === null ? null : cloneJson(v.output),
      error: v.error ? { name: v.error.name, message: v.error.message } : null,
    };
  }

  /** From running/waiting: `waitingForPause` while attempts are in flight, else `paused` at once. */
  async pause(): Promise<void> {
    const status = this.ledger.status();
    if (status !== 'running' && status !== 'waiting') return this.settled();
    const run = this.run;
    if (run && run.inFlight > 0) {
      this.commit([{ type: 'pause-requested' }]);
    } else {
      this.stopWith(run, [{ type: 'paused' }]);
      this.cancelWake();
    }
    return this.settled();
  }

  /** Cancels a pending pause, or resumes a paused instance with a new run; otherwise a no-op. */
  async resume(): Promise<void> {
    const base = this.ledger.base;
    if (base === 'waitingForPause') {
      this.commit([{ type: 'resumed', pausedFor: 0 }]);
      const waiters = this.gateWaiters;
      this.gateWaiters = [];
      for (const open of waiters) open();
    } else if (base === 'paused') {
      const pausedFor = Math.max(0, this.env.clock.now() - (this.ledger.view.pausedAt ?? this.env.clock.now()));
      this.startRun('resume', [{ type: 'resumed', pausedFor }]);
    }
    return this.settled();
  }

  /** Stops the instance for good; an error on an instance already in a finite state. */
  async terminate(): Promise<void> {
    if (FINITE_STATUSES.includes(this.ledger.status())) throw new WorkflowError(messages.cannotTerminate());
    this.stopWith(this.run, [{ type: 'terminated' }]);
    this.cancelWake();
    return this.settled();
  }

  /** Starts over (from any status), keeping the calls before `from` when given. */
  async restart(from?: RestartFrom): Promise<void> {
    let ref: CallRef | null = null;
    if (from) {
      const kind = from.type === 'sleep' ? 'sleep' : from.type === 'waitForEvent' ? 'wait' : 'do';
      ref = { kind, name: from.name, count: from.count ?? 1 };
      if (!this.ledger.lookup(ref)) throw new WorkflowError(messages.stepNotInHistory(from.name));
    }
    this.run?.closeOutput();
    const before: JournalEventDraft[] = this.run?.takeUnjournaled() ?? [];
    if (this.run) this.stopRun(this.run);
    this.wakeScope = undefined;
    this.startRun('restart', [...before, { type: 'restarted', from: ref }]);
    return this.settled();
  }

  /** Journals the event, then hands it to a live waiter or wakes an evicted run that waits for its type. */
  async sendEvent(type: unknown, payload: unknown, scripted?: unknown): Promise<void> {
    if (typeof type !== 'string' || type === '') throw new WorkflowError(messages.invalidEventType());
    const json = toJson(payload);
    if (!json.ok) throw new WorkflowError(messages.invalidEventPayload(json.reason));
    if (json.bytes > MAX_VALUE_BYTES)
      throw new WorkflowError(messages.invalidEventPayload(`${json.bytes} bytes; the maximum is 1 MiB`));
    const status = this.ledger.status();
    if (FINITE_STATUSES.includes(status)) throw new WorkflowError(messages.cannotSendEvent(status));
    const timestamp = this.env.clock.now();
    const by = typeof scripted === 'string' ? { scripted } : {};
    await this.commit([{ type: 'event-buffered', eventType: type, payload: json.value, timestamp, ...by }]);
    if (this.run?.alive) this.run.deliver(type);
    else if (this.ledger.base === 'waiting') this.scheduleWake();
  }

  /** Makes the earliest pending timer due now. */
  async skipWait(): Promise<void> {
    const wake = this.nextWake();
    if (!wake) return;
    this.commit([{ type: 'wake-skipped', call: wake.call, wake: wake.kind }]);
    const run = this.run;
    if (run) run.blockers.get(callKey(wake.call))?.fire();
    else this.startRun('skip');
    return this.settled();
  }

  private async settled(): Promise<void> {
    await this.flushed();
  }
}
