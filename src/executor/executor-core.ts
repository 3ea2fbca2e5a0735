/**
 * The executor's work once Python is up: one engine over the journal (IndexedDB, behind a write-ahead log in
 * the browser), one Python runtime, the user modules per file version, and the instance commands of the
 * protocol.
 *
 * Invariants:
 * - An instance replays with the newest successfully imported version of *its* file: instance → file is
 *   written in the same transaction as `instance-created`, and the last imported source per file is stored,
 *   so a fresh executor (reload, crash, other tab) finds both before the editor has loaded anything.
 * - Everything is journaled before a command answers (the engine's `commit` resolves once durable).
 * - A second writer of the same journal (`JournalConflictError`) halts this executor: it must stop, not
 *   continue, or a step could run twice. The supervisor replaces it and the new one resumes from the journal.
 */

import type { SqlJsStatic } from 'sql.js';
import {
  type Clock,
  createEngine,
  type Engine,
  FINITE_STATUSES,
  type InstanceHandle,
  type InstanceMeta,
  type JournalEvent,
  type JournalStore,
  messages,
  type ReplayNote,
  type WorkflowBody,
  WorkflowError,
} from '../engine';
import {
  createDexieBindingStore,
  createDexieJournalStore,
  createExecutorRepo,
  createWalJournalStore,
  type StudioDB,
  type WalJournalStoreOptions,
  type WalLog,
} from '../persistence';
import {
  type CreateBatch,
  type CreateInstance,
  type LoadSourceResult,
  type Recovered,
  type RestartInstance,
  type StoppedAttempt,
  type StoppedRun,
  serializeError,
  type WorkerEvent,
} from '../protocol';
import type { PythonRuntime } from '../runtime';
import { createFileBindings } from './file-binding';
import { createFileEnvs } from './file-envs';
import { importedSummary } from './import-journal';
import { createModuleRegistry, type SourceFile } from './module-registry';
import { writableId } from './read-only';
import type { StepGuard } from './step-guard';
import { journalStopped } from './stopped-runs';
import { replayOnVirtualClock, type VirtualReplayRequest } from './virtual-replay';

/** What the core needs from its host; injected so it runs in Node tests with fake-indexeddb. */
export interface ExecutorCoreDeps {
  /** `activity` (Python's asyncio callback count) tells the engine when Python is idle; tests may omit it. */
  runtime: Pick<PythonRuntime, 'loadModule'> & Partial<Pick<PythonRuntime, 'activity'>>;
  db: StudioDB;
  /**
   * The journal's write-ahead log (OPFS in the browser): appends are durable once in it and reach IndexedDB
   * in batches just after. Without it, every append is its own IndexedDB transaction.
   */
  journalLog?: WalLog;
  /** Where the log's appends go on to IndexedDB (the journal mirror worker); default: this thread. */
  journalSink?: WalJournalStoreOptions['sink'];
  clock: Clock;
  guard: StepGuard;
  emit(event: WorkerEvent): void;
  /** A host macrotask. */
  defer(cb: () => void): void;
  /** Wall time for `loadedAt` and journal `wall`. */
  wallNow(): number;
  newId(): string;
  /** Says why a `KeyboardInterrupt` at import time happened (the supervisor interrupted a long import). */
  describeImportInterrupt?(): string | undefined;
  /** sql.js for D1 bindings (the browser locates its wasm as an asset). Without it no file gets `self.env` bindings. */
  sql?: () => Promise<SqlJsStatic>;
  /** False while Python starts: Terminate and Pause then let their instance go once journaled (no run can start). */
  pythonReady?(): boolean;
}

/** The executor's command surface (one method per instance command of the protocol). */
export interface ExecutorCore {
  recover(): Promise<Recovered>;
  /** See the protocol's `FailStoppedAttempts`: refused for an instance the engine has loaded already. */
  failStoppedAttempts(attempts: StoppedAttempt[], runs?: StoppedRun[]): Promise<void>;
  loadSource(file: SourceFile): Promise<LoadSourceResult>;
  create(req: Omit<CreateInstance, 'type'>): Promise<string[]>;
  createBatch(req: Omit<CreateBatch, 'type'>): Promise<string[]>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  terminate(id: string): Promise<void>;
  restart(id: string, from: RestartInstance['from']): Promise<void>;
  sendEvent(id: string, event: { type: string; payload?: unknown }): Promise<void>;
  skipWait(id: string): Promise<void>;
  deleteInstances(ids: string[]): Promise<void>;
  /**
   * Writes an imported journal (events + derived summary, one transaction) under a free id; resolves with the id.
   * With `fileId`, the instance's file row is written in the same transaction.
   */
  importJournal(events: JournalEvent[], fileId?: string): Promise<string>;
  /** See the protocol's `LinkInstanceFile`. */
  linkInstanceFile(id: string, fileId: string): Promise<void>;
  /** See the protocol's `GetReplayNotes`. */
  replayNotes(id: string): ReplayNote[];
  /** See the protocol's `ReplayOnVirtualClock`. */
  replayOnVirtualClock(req: VirtualReplayRequest): Promise<JournalEvent[]>;
  /** See the protocol's `EnvCall`: a binding method of the file's env, for the browse view. */
  envCall(fileId: string, binding: string, op: string, args: unknown[]): Promise<unknown>;
  /** Stops the engine (crash-like). Idempotent. */
  dispose(): void;
}

/** Creates the core and its engine. Nothing runs until `recover()` or a command. */
export function createExecutorCore(deps: ExecutorCoreDeps): ExecutorCore {
  const repo = createExecutorRepo(deps.db);
  /**
   * Durable instance → file (loaded in `recover`, extended as instances are created and linked). A new
   * instance's file travels with its `create` as `meta.fileId`: to the name check, to its first runs, and to
   * the store, which writes the file row with `instance-created`.
   */
  const instanceFiles = new Map<string, string>();
  /** Unfinished instances that could not be resumed because no version of their file is loaded yet. */
  const waitingForSource = new Set<string>();
  const fileBinding = createFileBindings({ engine: () => engine, instanceFiles, newId: deps.newId, db: deps.db });
  let halted = false;

  const store: JournalStore = deps.journalLog
    ? createWalJournalStore(deps.db, deps.journalLog, deps.journalSink ? { sink: deps.journalSink } : {})
    : createDexieJournalStore(deps.db);

  const envs = deps.sql
    ? createFileEnvs({
        db: deps.db,
        store: createDexieBindingStore(deps.db),
        sql: deps.sql,
        now: () => deps.clock.now(),
      })
    : undefined;
  const registry = createModuleRegistry({
    runtime: deps.runtime,
    clock: deps.clock,
    binding: (fileId, workflowName) => fileBinding(fileId, workflowName),
    env: (fileId) => envs?.get(fileId),
    wrap: (body) => deps.guard.wrapLive(body),
  });

  /** The body of `name` in the instance's file (a link wins over the create's), or in any file without one. */
  function resolveWorkflow(name: string, instanceId?: string, meta?: InstanceMeta): WorkflowBody | undefined {
    const fileId = (instanceId === undefined ? undefined : instanceFiles.get(instanceId)) ?? meta?.fileId;
    return fileId === undefined ? registry.anyBody(name) : registry.body(fileId, name);
  }

  /** Instances the engine has read (loaded): their journals are the engine's to write from then on. */
  const loaded = new Set<string>();
  const engine: Engine = createEngine({
    store: {
      ...store,
      read: (id) => {
        loaded.add(id);
        return store.read(id);
      },
    },
    clock: deps.clock,
    resolveWorkflow,
    newId: deps.newId,
    wallNow: deps.wallNow,
    defer: deps.defer,
    // Python working between two engine calls is not idle (src/runtime/README.md, "Hosting it").
    hostActivity: deps.runtime.activity && ((run) => deps.runtime.activity?.(run) ?? 0),
    onError: (error, instanceId) => onStoreError(error, instanceId),
  });

  function onStoreError(error: unknown, instanceId: string): void {
    const e = serializeError(error);
    if (e.name === 'JournalConflictError') {
      if (halted) return;
      halted = true;
      engine.dispose();
      deps.emit({ type: 'executor-halted', error: e });
      return;
    }
    // The instance is dropped from memory as after a crash; nothing journaled is lost and a restart resumes it.
    deps.emit({ type: 'notice', level: 'error', name: e.name, message: e.message, instanceId });
  }

  /** Kept loaded before Python is ready, an instance would have no run, and `recover` would not start one. */
  function stopCommand(id: string, command: (handle: InstanceHandle) => Promise<void>): Promise<void> {
    const early = deps.pythonReady?.() === false;
    return handleOf(id)
      .then(command)
      .finally(() => early && engine.forget(id));
  }

  async function handleOf(id: string): Promise<InstanceHandle> {
    const summary = await store.getInstance(await writableId(repo, id));
    if (!summary) throw new WorkflowError(messages.instanceNotFound(id));
    return engine.binding(summary.workflowName).get(id);
  }

  function requireSource(fileId: string, workflowName: string): void {
    if (!registry.has(fileId)) {
      throw new WorkflowError(`The file ${fileId} has not been loaded into Python yet; load it before running it.`);
    }
    if (!registry.body(fileId, workflowName)) throw new WorkflowError(messages.unknownWorkflow(workflowName));
  }

  /** Resumes the instances in `ids` whose file (or, with no file, whose workflow name) is now loaded. */
  async function resume(ids: Iterable<string>): Promise<number> {
    let resumed = 0;
    const readOnly = await repo.readOnlyIds();
    for (const id of ids) {
      const summary = await store.getInstance(id);
      if (!summary || FINITE_STATUSES.includes(summary.status) || readOnly.has(id)) {
        waitingForSource.delete(id);
        continue;
      }
      if (!resolveWorkflow(summary.workflowName, id)) {
        waitingForSource.add(id);
        continue;
      }
      waitingForSource.delete(id);
      // Before the engine loads it (and replays a wait): its scripted events not yet sent, by its journal.
      if (!loaded.has(id)) await registry.resumed(instanceFiles.get(id), summary.workflowName, () => store.read(id));
      await engine.binding(summary.workflowName).get(id);
      resumed += 1;
    }
    return resumed;
  }

  /** Re-reads a resumed file's env; one that no longer parses is a notice (its steps then see no bindings). */
  async function refreshEnv(fileId: string): Promise<void> {
    try {
      await envs?.refresh(fileId);
    } catch (error) {
      const e = serializeError(error);
      deps.emit({ type: 'notice', level: 'warning', name: e.name, message: e.message });
    }
  }

  async function loadStoredSource(fileId: string): Promise<void> {
    if (registry.has(fileId)) return;
    const stored = await repo.loadedSource(fileId);
    if (!stored) return;
    const result = registry.load(stored);
    if (!result.ok) {
      deps.emit({
        type: 'notice',
        level: 'warning',
        name: result.error.name,
        message: `The last saved source of ${stored.name} no longer imports (${result.error.message}); its instances wait until a working version is loaded.`,
      });
    }
  }

  return {
    failStoppedAttempts(attempts, runs = []) {
      const now = () => deps.clock.now();
      return journalStopped({ store, loaded: (id) => loaded.has(id), now, wallNow: deps.wallNow }, attempts, runs);
    },
    async recover() {
      // The store first: its read waits until IndexedDB holds what the journal's log held, file rows included.
      const unfinished = (await store.listInstances()).filter((s) => !FINITE_STATUSES.includes(s.status));
      for (const [id, fileId] of await repo.instanceFiles()) instanceFiles.set(id, fileId);
      const files = new Set(unfinished.map((s) => instanceFiles.get(s.id)).filter((f) => f !== undefined));
      for (const fileId of files) {
        await loadStoredSource(fileId);
        await refreshEnv(fileId);
      }
      const resumed = await resume(unfinished.map((s) => s.id));
      return { type: 'recovered', resumed, waitingForSource: waitingForSource.size };
    },
    async loadSource(file) {
      let result = registry.load(file);
      if (!result.ok && result.error.name === 'KeyboardInterrupt') {
        const why = deps.describeImportInterrupt?.();
        if (why) result = { ...result, error: { ...result.error, message: why } };
      }
      if (result.ok && registry.newestVersion(file.fileId) === file.version) {
        try {
          await repo.saveLoadedSource({ ...file, loadedAt: deps.wallNow() });
        } catch (error) {
          const e = serializeError(error);
          deps.emit({ type: 'notice', level: 'error', name: e.name, message: e.message });
        }
        if (waitingForSource.size > 0) await resume([...waitingForSource]);
      }
      return result;
    },
    async create({ fileId, workflowName, id, params }) {
      requireSource(fileId, workflowName);
      await envs?.refresh(fileId);
      const handle = await fileBinding(fileId, workflowName).create({ id, params } as {
        id?: string;
        params?: unknown;
      });
      return [handle.id];
    },
    async createBatch({ fileId, workflowName, items }) {
      requireSource(fileId, workflowName);
      await envs?.refresh(fileId);
      const handles = await fileBinding(fileId, workflowName).createBatch(items);
      return handles.map((h) => h.id);
    },
    pause: (id) => stopCommand(id, (handle) => handle.pause()),
    resume: async (id) => (await handleOf(id)).resume(),
    terminate: (id) => stopCommand(id, (handle) => handle.terminate()),
    restart: async (id, from) => (await handleOf(id)).restart(from ? { from } : undefined),
    sendEvent: async (id, event) => (await handleOf(id)).sendEvent(event),
    skipWait: async (id) => engine.skipWait(await writableId(repo, id)),
    async deleteInstances(ids) {
      for (const id of ids) {
        engine.forget(id);
        waitingForSource.delete(id);
        await store.deleteInstance(id);
        instanceFiles.delete(id);
        await repo.forgetImport(id);
      }
    },
    async importJournal(events, fileId) {
      const summary = importedSummary(events);
      if (await store.getInstance(summary.id)) throw new WorkflowError(messages.instanceExists(summary.id));
      if (fileId === undefined) {
        await store.append(summary.id, events, summary);
      } else {
        // The store writes the file row with `instance-created`, in the journal's transaction.
        await store.append(summary.id, events, summary, { fileId });
        instanceFiles.set(summary.id, fileId);
      }
      if (!FINITE_STATUSES.includes(summary.status)) await resume([summary.id]);
      return summary.id;
    },
    replayNotes: (id) => engine.replayNotes(id),
    replayOnVirtualClock: (req) =>
      replayOnVirtualClock(
        { runtime: deps.runtime, wrap: (body) => deps.guard.wrap(body), defer: deps.defer, wallNow: deps.wallNow },
        req,
      ),
    async linkInstanceFile(id, fileId) {
      const summary = await store.getInstance(id);
      if (!summary) throw new WorkflowError(messages.instanceNotFound(id));
      const linked = instanceFiles.get(id);
      if (linked !== undefined && linked !== fileId && (await repo.fileExists(linked))) {
        throw new WorkflowError(
          `Instance "${id}" already runs the code of another studio file; it can only be linked to a file while it has none.`,
        );
      }
      await repo.linkFile(id, fileId);
      instanceFiles.set(id, fileId);
      if (FINITE_STATUSES.includes(summary.status)) return;
      await loadStoredSource(fileId);
      await refreshEnv(fileId);
      await resume([id]);
    },
    async envCall(fileId, binding, op, args) {
      if (!envs) throw new WorkflowError('Bindings are not available in this executor (no SQLite engine was given).');
      return envs.call(fileId, binding, op, args);
    },
    dispose() {
      engine.dispose();
    },
  };
}
