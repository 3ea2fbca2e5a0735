/** Public types of the engine: what a host registers (workflow bodies) and what it drives (engine, instances). */
import type { Clock, Disposable } from './clock';
import type { InstanceStatus, ReceivedEvent } from './instance-view';
import type { BindingCall, WakeKind } from './journal';
import type { Json } from './json';
import type { RequestRecord } from './mocks';
import type { ReplayNote } from './replay-notes';
import type { ResolvedStepConfig } from './step-config';
import type { JournalStore } from './store';

/** What a step function receives as `ctx` (a fresh copy per attempt; changing it changes nothing). */
export interface StepContext {
  step: { name: string; count: number };
  attempt: number;
  config: ResolvedStepConfig;
}

/** Per-attempt services for the host. */
export interface AttemptHooks {
  /** Captured output (e.g. Python `print`) of this attempt, journaled with the attempt's outcome. */
  log(text: string): void;
  /** A request the attempt made through the network gate, journaled with the attempt (its request list). */
  request?(record: RequestRecord): void;
  /** Fires when this attempt times out or its run is evicted or killed (at once if that already happened). */
  onCancel(cb: () => void): Disposable;
  /**
   * A `self.env` binding call the attempt made (KV, D1, R2): journaled with the attempt's outcome, in order, at
   * most 200 per attempt (`MAX_BINDING_CALLS`, step-runner.ts). Optional so hosts' own fakes need not provide it.
   */
  binding?(call: BindingCall): void;
}

/** A step body. Its result must be JSON-like and at most 1 MiB; the engine validates and copies it. */
export type StepFn = (ctx: StepContext, hooks: AttemptHooks) => unknown | Promise<unknown>;

/** The `step` object of one run. Numbers for durations are milliseconds; times are ms epoch. */
export interface WorkflowStep {
  do(name: string, fn: StepFn, config?: unknown): Promise<Json>;
  sleep(name: string, duration: number | string): Promise<void>;
  sleepUntil(name: string, at: number): Promise<void>;
  waitForEvent(name: string, opts: { type: string; timeout?: number | string }): Promise<ReceivedEvent>;
}

/** The `event` passed to `run()`. */
export interface WorkflowEventInfo {
  payload: Json;
  timestamp: number;
  instanceId: string;
  workflowName: string;
}

/** Everything a body gets for one run. */
export interface RunContext {
  event: WorkflowEventInfo;
  step: WorkflowStep;
  /** Run number (1-based over the instance's life): which history lane this is. */
  run: number;
  /** Fires when the engine ends this run without finishing it (eviction, pause, terminate, restart, dispose). */
  onEvict(cb: () => void): Disposable;
  /**
   * Captured output (e.g. Python `print`) of `run()` outside any step: journaled as `run-output` with the run's
   * next event, in order with its calls; at most 64 KiB per run, then one `[truncated N bytes]` line.
   */
  log(text: string): void;
}

/** A workflow's `run()`: called again from the top on every wake. */
export type WorkflowBody = (ctx: RunContext) => Promise<unknown>;

/** One run of one instance, as the engine names it to its host. */
export interface HostRun {
  instanceId: string;
  /** The run's number (`RunContext.run`). */
  run: number;
}

/** What `createEngine` needs from its host. */
export interface EngineDeps {
  store: JournalStore;
  clock: Clock;
  /**
   * The body of workflow `name`. `instanceId` is given when the engine is about to start a run of that
   * instance (a host with several source files picks the instance's file); it is absent when `create` only
   * checks that the name exists. `meta` is the `create`'s (absent for an instance this engine did not create,
   * e.g. after a recovery: the host keeps its own record). `undefined` = not registered (no run is started).
   */
  resolveWorkflow(name: string, instanceId?: string, meta?: InstanceMeta): WorkflowBody | undefined;
  /** Instance ids when `create` gets none. Default: `crypto.randomUUID()`. */
  newId?(): string;
  /** Wall time for journal entries. Default: `clock.now`. */
  wallNow?(): number;
  /** A host macrotask (`setTimeout(cb, 0)`, `setImmediate`). Default: a microtask, which is enough for TS bodies only. */
  defer?(cb: () => void): void;
  /** `step.do` calls allowed per run. Default 10 000 (Cloudflare's default). */
  stepLimit?: number;
  /** Host `defer` turns a run must stay blocked only on timers/waits (and the host idle) before it is evicted. Default 3. */
  evictionTurns?: number;
  /**
   * A counter that changes whenever the host did work the engine cannot see — e.g. Python running between two
   * engine calls (`runtime.activity()`, a count of asyncio callbacks). `settle()` and the eviction check also
   * wait until it stands still, so "idle" means engine *and* host idle. Without it only the engine is watched,
   * which is enough for TypeScript bodies.
   *
   * With `run`, only that run's own work counts (Python: the callbacks of its tasks); the eviction check asks
   * so, or one busy instance would keep every other instance's blocked run in memory, re-checked each few
   * turns (300 of them made a busy Python instance 1.7× slower in Node). Without, all of it (`settle()`).
   */
  hostActivity?(run?: HostRun): number;
  /** Called when the store rejects an append; the instance is then dropped from memory as after a crash. */
  onError?(error: unknown, instanceId: string): void;
}

/** `status()` of an instance, as Cloudflare returns it. */
export interface InstanceStatusResult {
  status: InstanceStatus;
  output: Json | null;
  error: { name: string; message: string } | null;
}

/** Where `restart()` starts from: the call with that name and count (`type` defaults to a `do` step). */
export interface RestartFrom {
  name: string;
  count?: number;
  type?: 'do' | 'sleep' | 'waitForEvent';
}

/** A handle on one instance. */
export interface InstanceHandle {
  id: string;
  status(): Promise<InstanceStatusResult>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  terminate(): Promise<void>;
  restart(opts?: { from?: RestartFrom }): Promise<void>;
  /** `scripted`: the mock's key when the file's mocks send it (journaled; see `EventBufferedEvent.scripted`). */
  sendEvent(e: { type: string; payload?: unknown; scripted?: string }): Promise<void>;
}

/**
 * A workflow class a host found in a loaded module (the Python runtime does; the executor, the CLI and the UI
 * name a module's workflows with it). `workflowName` is the kebab-case of the class name (`MyWorkflow` →
 * `my-workflow`) and `bindingName` its UPPER_SNAKE (`MY_WORKFLOW`), the attribute of `self.env`. Defined here,
 * the layer every other imports, so the runtime and the protocol share one definition.
 */
export interface WorkflowInfo {
  className: string;
  workflowName: string;
  bindingName: string;
  /** 1-based line of the `class` statement, when known. */
  line: number | null;
}

/** What a host attaches to an instance it creates (the studio: its source file); opaque to the engine. */
export type InstanceMeta = Readonly<Record<string, string>>;

/** Options of `create`. `params` (JSON, ≤ 1 MiB) becomes `event.payload`; it defaults to `{}`. */
export interface CreateOptions {
  id?: string;
  params?: unknown;
  /**
   * Host data for the new instance, not journaled: passed to `resolveWorkflow` (the name check and the runs
   * of this engine) and to the store with the append that holds `instance-created`, which may keep it in the
   * same transaction.
   */
  meta?: InstanceMeta;
}

/** A workflow's binding (`env.MY_WORKFLOW`). */
export interface WorkflowBinding {
  create(opts?: CreateOptions): Promise<InstanceHandle>;
  createBatch(opts: CreateOptions[]): Promise<InstanceHandle[]>;
  get(id: string): Promise<InstanceHandle>;
}

/** The timer an instance is waiting for. */
export interface PendingWakeInfo {
  at: number;
  kind: WakeKind;
}

/** The durable engine. */
export interface Engine {
  binding(workflowName: string): WorkflowBinding;
  /** Resumes every unfinished instance found in the store. */
  recover(): Promise<void>;
  /**
   * Resolves when no run is executing: every run finished, was evicted, or waits only on timers — and the host
   * is idle too when it reports `hostActivity`.
   */
  settle(): Promise<void>;
  pendingWake(id: string): PendingWakeInfo | undefined;
  /**
   * Notes on the replays of the instance's runs since it was loaded into this engine (in memory, not journaled):
   * reordered or inserted calls, and journaled sleeps and waits asked for with other arguments. `[]` when the
   * instance is not in memory.
   */
  replayNotes(id: string): ReplayNote[];
  /** Ends the instance's current sleep / retry delay / wait timeout now (the wait then times out). */
  skipWait(id: string): Promise<void>;
  /**
   * Drops one instance from memory as a crash would (its run is evicted, its timers cancelled, nothing more is
   * journaled for it); the store is untouched. Hosts call it before deleting an instance's journal. No-op for
   * an instance that is not in memory.
   */
  forget(id: string): void;
  /** Crash-like stop: cancels timers, evicts runs, journals nothing more. Idempotent. */
  dispose(): void;
}
